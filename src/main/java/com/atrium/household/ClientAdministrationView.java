package com.atrium.household;

import com.atrium.practice.StaffView;
import com.atrium.workgroup.WorkgroupRef;
import java.util.List;

/**
 * The client's administration section: whether the viewer may change the workgroup and the secondary
 * adviser, and the choices they have (workgroups they may move it to; Professionals other than the primary).
 */
public record ClientAdministrationView(boolean canManage, List<WorkgroupRef> workgroups, List<StaffView> secondaryAdvisers) {
}
