package com.atrium.access;

import java.util.List;

/**
 * The integrators' answer to "may this user do this on this client": no reasons in words, only the
 * kinds of path that grant it (empty when denied). A user or client outside the asker's practice, an
 * unknown id and a plain denial all answer the same.
 */
public record CheckAnswer(long user, long client, Permission permission, boolean allowed, List<PathKind> paths) {
}
