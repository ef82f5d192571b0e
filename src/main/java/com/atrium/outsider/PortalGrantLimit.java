package com.atrium.outsider;

import com.atrium.audit.SecurityEvent;
import com.atrium.audit.SecurityEventKind;
import com.atrium.audit.SecurityEvents;
import com.atrium.shared.Actor;
import com.atrium.shared.TooManyRequestsException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security review, finding 5: a holder in the portal may give access (and so make Atrium email an address) at most
 * {@code atrium.outsiders.portal-grants-per-day} times in 24 hours (default 10). Every attempt counts, refused ones too
 * (so the grant form cannot be used to test many addresses): it is recorded in the audit trail as a security event in a
 * transaction of its own, which survives the refusal of the grant itself. Staff are not limited here.
 */
@Component
class PortalGrantLimit {
    private final SecurityEvents events;
    private final Clock clock;
    private final int perDay;

    PortalGrantLimit(SecurityEvents events, Clock clock, @Value("${atrium.outsiders.portal-grants-per-day:10}") int perDay) {
        this.events = events;
        this.clock = clock;
        this.perDay = perDay;
    }

    /** Counts this attempt, or refuses it (429, recorded) when the outsider already made {@code perDay} in the last 24 hours. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = TooManyRequestsException.class)
    public void attempt(Actor actor) {
        if (actor.isStaff()) {
            return;
        }
        long made = events.countBy(actor.practiceId(), actor.userId(), SecurityEventKind.OUTSIDER_GRANT_ATTEMPTED,
                clock.instant().minus(Duration.ofDays(1)));
        if (made >= perDay) {
            events.record(SecurityEvent.of(SecurityEventKind.OUTSIDER_GRANT_LIMITED, actor.practiceId()).by(actor.userId())
                    .about(actor.userId()).detail(perDay + " in 24 hours"));
            throw new TooManyRequestsException("You have already given or tried to give access " + perDay + " times in the last 24"
                    + " hours: try again tomorrow, or ask your file manager.");
        }
        events.record(SecurityEvent.of(SecurityEventKind.OUTSIDER_GRANT_ATTEMPTED, actor.practiceId()).by(actor.userId()));
    }
}
