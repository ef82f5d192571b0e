package com.atrium.partner;

import com.atrium.practice.StaffResponsibilities;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells the practice module which business accounts a staff user is the related adviser (primary professional) of. */
@Component
class AccountResponsibilities implements StaffResponsibilities {
    private final JdbcClient jdbc;

    AccountResponsibilities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Responsibility> of(long practiceId, long userId) {
        return jdbc.sql("SELECT id, name FROM partner_account WHERE practice_id = :p AND adviser_id = :u ORDER BY sort_name, id")
                .param("p", practiceId).param("u", userId)
                .query((rs, i) -> new Responsibility(rs.getLong("id"), rs.getString("name"), Kind.PRIMARY,
                        "/partner/accounts/" + rs.getLong("id")))
                .list();
    }
}
