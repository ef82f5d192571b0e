package com.atrium.partner;

import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Business accounts and their users for tests. */
final class PartnerTestSupport {
    private PartnerTestSupport() {
    }

    static String email(String label) {
        return Fixtures.unique(label).toLowerCase() + "@business.example";
    }

    static UserForm user(String first) {
        return new UserForm(first, "Tester", email(first));
    }

    /** An account created by {@code adviser} with its primary contact and {@code others} more users. */
    static AccountView account(PartnerService partner, Actor adviser, Licence licence, int others) {
        List<UserForm> users = new ArrayList<>();
        for (int i = 0; i < others; i++) {
            users.add(user("user" + i));
        }
        return partner.create(adviser, new AccountForm(Fixtures.unique("Business"), licence, user("contact"), users), null);
    }

    /** The temporary password from the newest invitation mail to this address (run the invitation job first). */
    static String temporaryPassword(JdbcClient jdbc, String email) {
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = :e AND kind = 'PARTNER_INVITATION' ORDER BY id DESC")
                .param("e", email).query(String.class).list().get(0);
        Matcher m = Pattern.compile("temporary password: (\\S+)").matcher(body);
        if (!m.find()) {
            throw new AssertionError("no temporary password in " + body);
        }
        return m.group(1);
    }

    /** A CSV of {@code n} valid users. */
    static String csv(int n) {
        StringBuilder b = new StringBuilder("first name,last name,email\n");
        String run = Fixtures.unique("bulk").toLowerCase();
        for (int i = 0; i < n; i++) {
            b.append("First").append(i).append(",Last").append(i).append(',').append(run).append('.').append(i).append("@bulk.example\n");
        }
        return b.toString();
    }
}
