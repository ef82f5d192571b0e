package com.atrium.bench;

import java.util.List;

/** One access engine under test: Atrium itself, Spring Security ACL or jCasbin. */
public interface Peer extends AutoCloseable {
    String name();

    /** May the user view the client file? */
    boolean canView(long userId, long clientId);

    /**
     * What {@code GET /api/clients?page=0&size=…[&q=…]} answers: the first {@code size} client ids the user may see,
     * sorted by name (then id), optionally searched, AND the total number of visible (matching) clients.
     */
    Listing list(long userId, String query, int size);

    /**
     * The first page only, without the total (a peer may stop post-filtering as soon as the page is full). It cannot
     * serve the API's response; measured as a secondary figure for transparency. Defaults to {@link #list}'s page.
     */
    default List<Long> firstPage(long userId, String query, int size) {
        return list(userId, query, size).page();
    }

    @Override
    default void close() throws Exception {
    }

    /** A first page and the total it belongs to. */
    record Listing(List<Long> page, long total) {
        static final Listing EMPTY = new Listing(List.of(), 0);
    }
}
