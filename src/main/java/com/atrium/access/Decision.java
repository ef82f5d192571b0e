package com.atrium.access;

import java.util.List;

/**
 * The answer to "may this person do this on this client": allowed or denied, with the reason in
 * words and the paths that were considered. Every decision starts as a denial.
 */
public record Decision(boolean allowed, Permission permission, String reason, List<AccessPath> paths) {

    /** True when the person may at least see the client (a denial of another permission then answers 403, not 404). */
    public boolean visible() {
        return paths.stream().anyMatch(p -> p.permissions().contains(Permission.VIEW_FILE));
    }
}
