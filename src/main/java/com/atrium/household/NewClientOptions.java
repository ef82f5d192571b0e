package com.atrium.household;

import com.atrium.practice.StaffView;
import com.atrium.workgroup.WorkgroupRef;
import java.util.List;

/**
 * What the new-client form offers this actor: who may be primary, who is pre-selected and why, and
 * whether the actor may choose; the workgroups the client may go to, the pre-selected one, whether
 * one must be chosen (assistants) and why.
 */
public record NewClientOptions(List<StaffView> professionals, Long defaultPrimaryId, String defaultReason, boolean canChoosePrimary,
                               List<WorkgroupRef> workgroups, Long defaultWorkgroupId, boolean workgroupRequired, String workgroupReason) {

    public NewClientOptions(List<StaffView> professionals, Long defaultPrimaryId, String defaultReason, boolean canChoosePrimary) {
        this(professionals, defaultPrimaryId, defaultReason, canChoosePrimary, List.of(), null, false, null);
    }
}
