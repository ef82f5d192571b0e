package com.atrium.access;

import com.atrium.shared.Actor;
import java.util.function.Supplier;

/**
 * For the compliance benchmark (another package): the what-if computed one client at a time, as it was before the batch
 * form, so before and after are measured back to back on the same data. Test code only.
 */
public final class WhatIfProbe {
    private WhatIfProbe() {
    }

    public static <T> AccessWhatIf.Outcome<T> preview(AccessWhatIf whatIf, Actor asker, Supplier<T> change, boolean batch) {
        return whatIf.preview(asker, change, batch);
    }
}
