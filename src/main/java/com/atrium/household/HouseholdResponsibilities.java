package com.atrium.household;

import com.atrium.practice.StaffResponsibilities;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells the practice module which households a staff user is primary professional or secondary adviser of (archived ones too). */
@Component
class HouseholdResponsibilities implements StaffResponsibilities {
    private final JdbcClient jdbc;

    HouseholdResponsibilities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Responsibility> of(long practiceId, long userId) {
        return jdbc.sql("""
                        SELECT id, display_name, CASE WHEN primary_professional_id = :u THEN 'PRIMARY' ELSE 'SECONDARY' END AS kind
                        FROM household WHERE practice_id = :p AND (primary_professional_id = :u OR secondary_professional_id = :u)
                        ORDER BY sort_name, id""")
                .param("p", practiceId).param("u", userId)
                .query((rs, i) -> new Responsibility(rs.getLong("id"), rs.getString("display_name"), Kind.valueOf(rs.getString("kind")),
                        "/clients/" + rs.getLong("id") + "/access"))
                .list();
    }
}
