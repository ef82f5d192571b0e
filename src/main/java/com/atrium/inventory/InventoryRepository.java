package com.atrium.inventory;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the wealth and donations inventories. Every query is scoped by the household id. */
@Repository
class InventoryRepository {
    private final JdbcClient jdbc;

    InventoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Item(long id, WealthType type, String description, BigDecimal value, String currency) {
    }

    record Owner(long itemId, long personId, BigDecimal share) {
    }

    record Donation(long id, LocalDate date, long donor, Long recipientPerson, String recipientName, BigDecimal amount,
                    String currency, DonationKind kind, String notes) {
    }

    // ------------------------------------------------------------------ wealth

    List<Item> items(long householdId) {
        return jdbc.sql("SELECT * FROM wealth_item WHERE household_id = :h ORDER BY kind, id").param("h", householdId)
                .query(InventoryRepository::item).list();
    }

    Optional<Item> lockItem(long householdId, long itemId) {
        return jdbc.sql("SELECT * FROM wealth_item WHERE household_id = :h AND id = :id FOR UPDATE")
                .param("h", householdId).param("id", itemId).query(InventoryRepository::item).optional();
    }

    Map<Long, List<Owner>> owners(long householdId) {
        Map<Long, List<Owner>> result = new LinkedHashMap<>();
        jdbc.sql("SELECT item_id, person_id, share_percent FROM wealth_owner WHERE household_id = :h ORDER BY item_id, person_id")
                .param("h", householdId)
                .query((rs, i) -> new Owner(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)))
                .list().forEach(o -> result.computeIfAbsent(o.itemId(), k -> new ArrayList<>()).add(o));
        return result;
    }

    long insertItem(long practiceId, long householdId, WealthType type, String description, BigDecimal value, String currency,
                    OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO wealth_item (practice_id, household_id, kind, item_type, description, amount, currency, created_at, updated_at)
                        VALUES (:p, :h, :k, :t, :d, :v, :c, :now, :now)""")
                .param("p", practiceId).param("h", householdId).param("k", type.kind().name()).param("t", type.name())
                .param("d", description).param("v", value).param("c", currency).param("now", now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void updateItem(long householdId, long itemId, WealthType type, String description, BigDecimal value, OffsetDateTime now) {
        jdbc.sql("""
                        UPDATE wealth_item SET kind = :k, item_type = :t, description = :d, amount = :v, updated_at = :now,
                               version = version + 1 WHERE household_id = :h AND id = :id""")
                .param("k", type.kind().name()).param("t", type.name()).param("d", description).param("v", value).param("now", now)
                .param("h", householdId).param("id", itemId).update();
    }

    void replaceOwners(long householdId, long itemId, List<Owner> owners) {
        jdbc.sql("DELETE FROM wealth_owner WHERE household_id = :h AND item_id = :id").param("h", householdId).param("id", itemId).update();
        for (Owner o : owners) {
            jdbc.sql("INSERT INTO wealth_owner (item_id, household_id, person_id, share_percent) VALUES (:i, :h, :p, :s)")
                    .param("i", itemId).param("h", householdId).param("p", o.personId()).param("s", o.share()).update();
        }
    }

    int deleteItem(long householdId, long itemId) {
        return jdbc.sql("DELETE FROM wealth_item WHERE household_id = :h AND id = :id").param("h", householdId).param("id", itemId).update();
    }

    // ------------------------------------------------------------------ donations

    List<Donation> donations(long householdId) {
        return jdbc.sql("SELECT * FROM donation WHERE household_id = :h ORDER BY donation_date, id").param("h", householdId)
                .query(InventoryRepository::donation).list();
    }

    Optional<Donation> lockDonation(long householdId, long id) {
        return jdbc.sql("SELECT * FROM donation WHERE household_id = :h AND id = :id FOR UPDATE")
                .param("h", householdId).param("id", id).query(InventoryRepository::donation).optional();
    }

    long insertDonation(long practiceId, long householdId, Donation d, OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO donation (practice_id, household_id, donation_date, donor_person_id, recipient_person_id, recipient_name,
                                              amount, currency, kind, notes, created_at, updated_at)
                        VALUES (:p, :h, :date, :donor, :rp, :rn, :amount, :c, :kind, :notes, :now, :now)""")
                .param("p", practiceId).param("h", householdId).param("date", d.date()).param("donor", d.donor())
                .param("rp", d.recipientPerson()).param("rn", d.recipientName()).param("amount", d.amount()).param("c", d.currency())
                .param("kind", d.kind().name()).param("notes", d.notes()).param("now", now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void updateDonation(long householdId, Donation d, OffsetDateTime now) {
        jdbc.sql("""
                        UPDATE donation SET donation_date = :date, donor_person_id = :donor, recipient_person_id = :rp, recipient_name = :rn,
                               amount = :amount, kind = :kind, notes = :notes, updated_at = :now, version = version + 1
                        WHERE household_id = :h AND id = :id""")
                .param("date", d.date()).param("donor", d.donor()).param("rp", d.recipientPerson()).param("rn", d.recipientName())
                .param("amount", d.amount()).param("kind", d.kind().name()).param("notes", d.notes()).param("now", now)
                .param("h", householdId).param("id", d.id()).update();
    }

    int deleteDonation(long householdId, long id) {
        return jdbc.sql("DELETE FROM donation WHERE household_id = :h AND id = :id").param("h", householdId).param("id", id).update();
    }

    // ------------------------------------------------------------------ references to a person

    long itemsOwnedBy(long householdId, long personId) {
        return jdbc.sql("SELECT COUNT(*) FROM wealth_owner WHERE household_id = :h AND person_id = :p")
                .param("h", householdId).param("p", personId).query(Long.class).single();
    }

    long donationsNaming(long householdId, long personId) {
        return jdbc.sql("SELECT COUNT(*) FROM donation WHERE household_id = :h AND (donor_person_id = :p OR recipient_person_id = :p)")
                .param("h", householdId).param("p", personId).query(Long.class).single();
    }

    private static Item item(ResultSet rs, int i) throws SQLException {
        return new Item(rs.getLong("id"), WealthType.valueOf(rs.getString("item_type")), rs.getString("description"),
                rs.getBigDecimal("amount"), rs.getString("currency").trim());
    }

    private static Donation donation(ResultSet rs, int i) throws SQLException {
        long rp = rs.getLong("recipient_person_id");
        Long recipient = rs.wasNull() ? null : rp;
        return new Donation(rs.getLong("id"), rs.getObject("donation_date", LocalDate.class), rs.getLong("donor_person_id"), recipient,
                rs.getString("recipient_name"), rs.getBigDecimal("amount"), rs.getString("currency").trim(),
                DonationKind.valueOf(rs.getString("kind")), rs.getString("notes"));
    }
}
