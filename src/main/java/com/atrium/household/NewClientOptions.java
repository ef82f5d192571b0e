package com.atrium.household;

import com.atrium.practice.StaffView;
import java.util.List;

/**
 * What the new-client form offers this actor: who may be primary, who is pre-selected and why, and
 * whether the actor may choose.
 */
public record NewClientOptions(List<StaffView> professionals, Long defaultPrimaryId, String defaultReason, boolean canChoosePrimary) {
}
