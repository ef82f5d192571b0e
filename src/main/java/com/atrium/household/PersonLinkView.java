package com.atrium.household;

/** One link of the family structure, with its label in words, e.g. "Alex Lee is parent of Sam Lee". */
public record PersonLinkView(long id, LinkKind kind, long fromPersonId, String fromName, long toPersonId, String toName, String label) {

    static PersonLinkView of(long id, LinkKind kind, long fromPersonId, String fromName, long toPersonId, String toName) {
        return new PersonLinkView(id, kind, fromPersonId, fromName, toPersonId, toName, fromName + " is " + kind.label() + " " + toName);
    }
}
