package com.atrium.compliance;

import com.atrium.shared.ConflictException;
import java.util.List;

/** A reassignment refused as a whole (409): nothing moved; every household that cannot move, with the reason. */
public class ReassignmentRefused extends ConflictException {
    private final List<String> reasons;

    public ReassignmentRefused(List<String> reasons) {
        super("Nothing was reassigned: " + reasons.size() + (reasons.size() == 1 ? " household cannot" : " households cannot")
                + " move. " + String.join(" ", reasons.stream().limit(20).toList()));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
