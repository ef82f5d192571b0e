package com.atrium.household;

/**
 * A person is about to be removed from a household's family, inside the removing transaction. Modules
 * that reference people (the inventories) listen and throw a {@link com.atrium.shared.ConflictException}
 * saying why when the person is still named there; the database refuses it anyway (foreign keys).
 */
public record PersonRemoving(long practiceId, long clientId, long personId, String name) {
}
