package com.atrium.workgroup;

import com.atrium.mail.Outbox;
import com.atrium.practice.PracticeService;
import com.atrium.shared.PublicUrl;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Workgroup invitees get an email (through the outbox, in the inviting transaction, so no invitation without its mail
 * and no mail for a rolled-back one) with a link to where they join or ignore it.
 */
@Component
class WorkgroupInvitationMail {
    private final Outbox outbox;
    private final PracticeService practice;
    private final PublicUrl publicUrl;

    WorkgroupInvitationMail(Outbox outbox, PracticeService practice, PublicUrl publicUrl) {
        this.outbox = outbox;
        this.practice = practice;
        this.publicUrl = publicUrl;
    }

    @EventListener
    void invited(WorkgroupInvitationSent sent) {
        var invitee = practice.userInPractice(sent.practiceId(), sent.inviteeId()).orElseThrow();
        String by = practice.userInPractice(sent.practiceId(), sent.invitedBy()).map(u -> u.name()).orElse("A colleague");
        outbox.email(sent.practiceId(), "WORKGROUP_INVITATION", invitee.email(),
                "Invitation to the workgroup \u201c" + sent.workgroupDescription() + "\u201d",
                "Hello " + invitee.firstName() + ",\n\n" + by + " invited you to the workgroup \u201c" + sent.workgroupDescription()
                        + "\u201d. Members work on the clients assigned to it.\n\nJoin or ignore the invitation: "
                        + publicUrl.link("/profile/workgroups") + "\n\nAtrium");
    }
}
