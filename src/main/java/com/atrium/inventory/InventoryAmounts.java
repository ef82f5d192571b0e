package com.atrium.inventory;

import com.atrium.practice.RecordedAmounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Wealth items and donations carry amounts in the practice's currency: the currency cannot change under them. */
@Component
class InventoryAmounts implements RecordedAmounts {
    private final JdbcClient jdbc;

    InventoryAmounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long amountsRecorded(long practiceId) {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM wealth_item WHERE practice_id = :p) + (SELECT COUNT(*) FROM donation WHERE practice_id = :p)")
                .param("p", practiceId).query(Long.class).single();
    }

    @Override
    public String what() {
        return "wealth items and donations";
    }
}
