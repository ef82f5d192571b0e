package com.atrium.crm;

import com.atrium.household.PersonSources;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the client file which people's details the CRM owns: the person each synced CRM client is linked to (its
 * name, date of birth, email and mobile are replaced at the next sync). The name shown is the CRM's ("Xplan"), with
 * the integration's own name when a practice connects several sites of it.
 */
@Component
class CrmPersonSources implements PersonSources {
    private final JdbcClient jdbc;

    CrmPersonSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, String> syncedPeople(long practiceId, long clientId) {
        return jdbc.sql("""
                        SELECT l.person_id, i.crm_type, i.name,
                               (SELECT COUNT(*) FROM crm_integration o WHERE o.practice_id = i.practice_id AND o.crm_type = i.crm_type) AS sites
                        FROM crm_client_link l JOIN crm_integration i ON i.id = l.integration_id
                        WHERE l.practice_id = :p AND l.household_id = :h AND l.person_id IS NOT NULL AND l.synced_at IS NOT NULL
                        ORDER BY l.integration_id""")
                .param("p", practiceId).param("h", clientId)
                .query((rs, n) -> Map.entry(rs.getLong(1), name(CrmType.valueOf(rs.getString(2)), rs.getString(3), rs.getLong(4))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    static String name(CrmType type, String integration, long sites) {
        String crm = type == CrmType.XPLAN ? "Xplan" : type.label();
        return sites > 1 ? crm + " (" + integration + ")" : crm;
    }
}
