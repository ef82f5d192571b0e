package com.atrium.bench;

import java.util.List;

/** One access engine under test: Atrium itself, Spring Security ACL or jCasbin. */
public interface Peer extends AutoCloseable {
    String name();

    /** May the user view the client file? */
    boolean canView(long userId, long clientId);

    /** The first {@code size} client ids the user may see, sorted by name (then id), optionally searched. */
    List<Long> firstPage(long userId, String query, int size);

    @Override
    default void close() throws Exception {
    }
}
