package com.atrium.shared;

import java.util.Collection;
import java.util.Map;

/**
 * The clients' names as screens show them, for modules that may not depend on the one that owns clients (the workgroup
 * module, which the household module depends on). Implemented by the household module.
 */
public interface ClientNames {

    /** The display names of the practice's clients among {@code clientIds} (ids of other practices are left out). */
    Map<Long, String> displayNames(long practiceId, Collection<Long> clientIds);
}
