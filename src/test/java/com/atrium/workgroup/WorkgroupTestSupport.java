package com.atrium.workgroup;

import com.atrium.shared.Actor;

/** Builds workgroups for tests through the real service: create, invite, join. */
public final class WorkgroupTestSupport {
    private final WorkgroupService workgroups;

    public WorkgroupTestSupport(WorkgroupService workgroups) {
        this.workgroups = workgroups;
    }

    /** A workgroup owned by {@code owner} that every one of {@code members} has joined. */
    public long group(Actor owner, String description, Actor... members) {
        long id = workgroups.create(owner, new WorkgroupForm(description)).id();
        for (Actor m : members) {
            join(id, owner, m);
        }
        return id;
    }

    public void join(long groupId, Actor owner, Actor member) {
        long invitation = workgroups.invite(owner, groupId, new InvitationForm(member.userId())).id();
        workgroups.join(member, invitation);
    }
}
