package com.atrium.household;

/** One link of the family structure, e.g. "Alex Lee is parent of Sam Lee". */
public record PersonLinkView(long id, LinkKind kind, long fromPersonId, String fromName, long toPersonId, String toName) {

    public String label() {
        return fromName + " is " + kind.label() + " " + toName;
    }
}
