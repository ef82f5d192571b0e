package com.atrium.outsider;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.PersonView;
import com.atrium.household.Relationship;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Grants, outsider accounts and verified portal sessions for tests. */
public final class OutsiderTestSupport {
    private OutsiderTestSupport() {
    }

    /** A person of the household by relationship (the Fixtures client has a HOLDER and a SPOUSE). */
    public static PersonView person(ClientView client, Relationship r) {
        return client.people().stream().filter(p -> p.relationship() == r).findFirst().orElseThrow();
    }

    public static String email(String label) {
        return Fixtures.unique(label).toLowerCase() + "@outsider.example";
    }

    /** Grants {@code subjectId} and creates their outsider account at once (as if they accepted the invitation). */
    public static Actor grantWithAccount(OutsiderService outsiders, Invitations invitations, PracticeService practice, JdbcClient jdbc,
                                         Actor by, long clientId, GrantSubject subject, long subjectId, AccessLevel level, LocalDate expiresOn) {
        String email = email("o");
        GrantView g = outsiders.grant(by, clientId, new GrantForm(subject, subjectId, level, email, "+33 6 12 34 56 78", expiresOn));
        String token = Invitations.newToken();
        jdbc.sql("UPDATE outsider_invitation SET token_hash = :h WHERE email = :e").param("h", Invitations.hash(token)).param("e", g.email())
                .update();
        long userId = invitations.accept(token, Fixtures.PASSWORD, Fixtures.PASSWORD);
        return practice.actor(userId).orElseThrow();
    }

    /** {@link #grantWithAccount} for tests outside this package (the invitation service is package-private). */
    public static Actor grantWithAccount(org.springframework.context.ApplicationContext context, Actor by, long clientId, GrantSubject subject,
                                         long subjectId, AccessLevel level) {
        return grantWithAccount(context.getBean(OutsiderService.class), context.getBean(Invitations.class), context.getBean(PracticeService.class),
                context.getBean(JdbcClient.class), by, clientId, subject, subjectId, level, null);
    }

    static List<String> mailsTo(JdbcClient jdbc, String recipient) {
        return jdbc.sql("SELECT kind FROM mail_outbox WHERE recipient = :r ORDER BY id").param("r", recipient).query(String.class).list();
    }

    static RequestPostProcessor csrf() {
        return SecurityMockMvcRequestPostProcessors.csrf();
    }
}
