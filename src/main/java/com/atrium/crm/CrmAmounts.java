package com.atrium.crm;

import com.atrium.practice.RecordedAmounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Insurance policies synced from a CRM carry cover and premium amounts: the currency cannot change under them. */
@Component
class CrmAmounts implements RecordedAmounts {
    private final JdbcClient jdbc;

    CrmAmounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long amountsRecorded(long practiceId) {
        return jdbc.sql("SELECT COUNT(*) FROM crm_policy WHERE practice_id = :p AND (cover IS NOT NULL OR premium IS NOT NULL)")
                .param("p", practiceId).query(Long.class).single();
    }

    @Override
    public String what() {
        return "insurance policies";
    }
}
