package com.atrium.access;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SQL predicate that keeps only the clients an actor may see, to be AND-ed into a list or search
 * query. Parameter names are prefixed {@code acc_} so they never clash with the caller's.
 *
 * @param predicate SQL boolean expression over the caller's client id and practice id columns
 * @param params    named parameters the predicate uses
 */
public record ClientFilter(String predicate, Map<String, Object> params) {

    /** Both predicates (e.g. the visibility filter and a workgroup narrowing), in one WHERE clause. */
    public ClientFilter and(ClientFilter other) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.putAll(other.params());
        return new ClientFilter("(" + predicate + ") AND (" + other.predicate() + ")", all);
    }
}
