package com.atrium.partner;

import com.atrium.access.ClientFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import com.atrium.shared.BulkInsert;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the partner module's own tables. Every read that serves a request is scoped by practice. */
@Repository
class AccountRepository {
    private final JdbcClient jdbc;
    private final BulkInsert bulk;
    private final NamedParameterJdbcTemplate named;

    AccountRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, BulkInsert bulk) {
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.named = named;
    }

    record AccountRow(long id, long practiceId, String name, Licence licence, boolean paid, LocalDate trialStartedOn,
                      LocalDate paidSince, long adviserId, int diagnosticRound, OffsetDateTime workspaceOpenedAt,
                      long createdBy, OffsetDateTime createdAt) {
        boolean workspaceOpen() {
            return workspaceOpenedAt != null;
        }
    }

    record MemberRow(long accountId, long userId, boolean admin, OffsetDateTime addedAt) {
    }

    private static final String ACCOUNT = "a.id, a.practice_id, a.name, a.licence, a.paid, a.trial_started_on, a.paid_since, "
            + "a.adviser_id, a.diagnostic_round, a.workspace_opened_at, a.created_by, a.created_at";

    long insert(long practiceId, String name, Licence licence, LocalDate today, long adviserId, int round, OffsetDateTime openedAt,
                long by, OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO partner_account (practice_id, name, sort_name, licence, paid, trial_started_on, adviser_id,
                                                     diagnostic_round, workspace_opened_at, created_by, created_at)
                        VALUES (:p, :n, :s, :l, FALSE, :d, :a, :r, :o, :by, :at)""")
                .param("p", practiceId).param("n", name).param("s", name.toLowerCase(java.util.Locale.ROOT)).param("l", licence.name())
                .param("d", today).param("a", adviserId).param("r", round).param("o", openedAt).param("by", by).param("at", now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<AccountRow> find(long practiceId, long id) {
        return jdbc.sql("SELECT " + ACCOUNT + " FROM partner_account a WHERE a.practice_id = :p AND a.id = :id")
                .param("p", practiceId).param("id", id).query(AccountRepository::account).optional();
    }

    /** The account row locked until the transaction ends: changes to one account queue (gate, participants, licence). */
    Optional<AccountRow> lock(long practiceId, long id) {
        return jdbc.sql("SELECT " + ACCOUNT + " FROM partner_account a WHERE a.practice_id = :p AND a.id = :id FOR UPDATE")
                .param("p", practiceId).param("id", id).query(AccountRepository::account).optional();
    }

    /** Accounts the filter lets through, by name, with their user counts. */
    List<AccountRow> visible(ClientFilter filter) {
        return jdbc.sql("SELECT " + ACCOUNT + " FROM partner_account a WHERE " + filter.predicate() + " ORDER BY a.sort_name, a.id")
                .params(filter.params()).query(AccountRepository::account).list();
    }

    Map<Long, Integer> userCounts(List<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT account_id, COUNT(*) FROM partner_member WHERE account_id IN (:ids) GROUP BY account_id")
                .param("ids", accountIds).query((rs, i) -> Map.entry(rs.getLong(1), rs.getInt(2))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    void setLicence(long id, Licence licence, boolean paid, LocalDate paidSince) {
        jdbc.sql("UPDATE partner_account SET licence = :l, paid = :paid, paid_since = :since WHERE id = :id")
                .param("l", licence.name()).param("paid", paid).param("since", paidSince).param("id", id).update();
    }

    void recordLicenceChange(long accountId, long practiceId, long by, OffsetDateTime at, Licence before, Licence after,
                             Boolean paidBefore, boolean paidAfter) {
        jdbc.sql("""
                        INSERT INTO partner_licence_change (account_id, practice_id, changed_by, changed_at, licence_before, licence_after,
                                                            paid_before, paid_after)
                        VALUES (:a, :p, :by, :at, :lb, :la, :pb, :pa)""")
                .param("a", accountId).param("p", practiceId).param("by", by).param("at", at)
                .param("lb", before == null ? null : before.name()).param("la", after.name()).param("pb", paidBefore).param("pa", paidAfter)
                .update();
    }

    record LicenceChangeRow(OffsetDateTime at, long by, String licenceBefore, String licenceAfter, Boolean paidBefore, boolean paidAfter) {
    }

    List<LicenceChangeRow> licenceChanges(long accountId) {
        return jdbc.sql("""
                        SELECT changed_at, changed_by, licence_before, licence_after, paid_before, paid_after
                        FROM partner_licence_change WHERE account_id = :a ORDER BY changed_at DESC, id DESC""")
                .param("a", accountId)
                .query((rs, i) -> new LicenceChangeRow(rs.getObject(1, OffsetDateTime.class), rs.getLong(2), rs.getString(3),
                        rs.getString(4), (Boolean) rs.getObject(5), rs.getBoolean(6)))
                .list();
    }

    void setWorkspaceOpened(long id, OffsetDateTime at) {
        jdbc.sql("UPDATE partner_account SET workspace_opened_at = :at WHERE id = :id AND workspace_opened_at IS NULL")
                .param("at", at).param("id", id).update();
    }

    void setRound(long id, int round) {
        jdbc.sql("UPDATE partner_account SET diagnostic_round = :r WHERE id = :id").param("r", round).param("id", id).update();
    }

    // ------------------------------------------------------------------ members

    void insertMembers(long accountId, long practiceId, List<Long> userIds, Long adminUserId, long by, OffsetDateTime now) {
        bulk.insert(BulkInsert.into("partner_member").column("user_id", userIds.toArray(Long[]::new))
                .column("admin_marker", userIds.stream().map(u -> u.equals(adminUserId) ? Boolean.TRUE : null).toArray(Boolean[]::new))
                .constant("account_id", accountId).constant("practice_id", practiceId).constant("added_by", by).constant("added_at", now));
    }

    List<MemberRow> members(long accountId) {
        return jdbc.sql("""
                        SELECT account_id, user_id, admin_marker, added_at FROM partner_member WHERE account_id = :a
                        ORDER BY CASE WHEN admin_marker THEN 0 ELSE 1 END, added_at, user_id""")
                .param("a", accountId).query(AccountRepository::member).list();
    }

    Optional<MemberRow> member(long accountId, long userId) {
        return jdbc.sql("SELECT account_id, user_id, admin_marker, added_at FROM partner_member WHERE account_id = :a AND user_id = :u")
                .param("a", accountId).param("u", userId).query(AccountRepository::member).optional();
    }

    /** The account a business user belongs to, if any. */
    Optional<Long> accountOf(long userId) {
        return jdbc.sql("SELECT account_id FROM partner_member WHERE user_id = :u").param("u", userId).query(Long.class).optional();
    }

    void deleteMember(long accountId, long userId) {
        jdbc.sql("DELETE FROM partner_member WHERE account_id = :a AND user_id = :u AND admin_marker IS NULL")
                .param("a", accountId).param("u", userId).update();
    }

    // ------------------------------------------------------------------ invitations

    void queueInvitations(long accountId, long practiceId, List<Long> userIds, long by, OffsetDateTime now) {
        bulk.insert(BulkInsert.into("partner_invitation").column("user_id", userIds.toArray(Long[]::new))
                .constant("account_id", accountId).constant("practice_id", practiceId).constant("invited_by", by).constant("created_at", now));
    }

    record InvitationRow(long id, long accountId, long practiceId, long userId, long invitedBy, OffsetDateTime createdAt,
                         OffsetDateTime sentAt) {
    }

    /** The next pending invitations, claimed for this transaction (other nodes skip them). */
    List<InvitationRow> claimPending(int limit) {
        return jdbc.sql("""
                        SELECT id, account_id, practice_id, user_id, invited_by, created_at, sent_at FROM partner_invitation
                        WHERE sent_at IS NULL ORDER BY id FETCH FIRST """ + " " + Math.max(1, limit) + " ROWS ONLY FOR UPDATE SKIP LOCKED")
                .query(AccountRepository::invitation).list();
    }

    void markSent(java.util.Collection<Long> invitationIds, OffsetDateTime at) {
        if (!invitationIds.isEmpty()) {
            jdbc.sql("UPDATE partner_invitation SET sent_at = :at WHERE id IN (:ids)").param("at", at).param("ids", invitationIds).update();
        }
    }

    /** Of these users, the members of the account. */
    java.util.Set<Long> memberIds(long accountId, java.util.Collection<Long> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("SELECT user_id FROM partner_member WHERE account_id = :a AND user_id IN (:u)")
                .param("a", accountId).param("u", userIds).query(Long.class).list());
    }

    void markSent(long invitationId, OffsetDateTime at) {
        jdbc.sql("UPDATE partner_invitation SET sent_at = :at WHERE id = :id").param("at", at).param("id", invitationId).update();
    }

    /** The latest invitation of each user of the account. */
    Map<Long, InvitationRow> latestInvitations(long accountId) {
        Map<Long, InvitationRow> result = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT id, account_id, practice_id, user_id, invited_by, created_at, sent_at FROM partner_invitation
                        WHERE account_id = :a ORDER BY id""")
                .param("a", accountId).query(AccountRepository::invitation).list()
                .forEach(i -> result.put(i.userId(), i));
        return result;
    }

    long pendingInvitations(long accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM partner_invitation WHERE account_id = :a AND sent_at IS NULL")
                .param("a", accountId).query(Long.class).single();
    }

    private static AccountRow account(ResultSet rs, int i) throws SQLException {
        java.sql.Date paidSince = rs.getDate("paid_since");
        return new AccountRow(rs.getLong("id"), rs.getLong("practice_id"), rs.getString("name"), Licence.valueOf(rs.getString("licence")),
                rs.getBoolean("paid"), rs.getDate("trial_started_on").toLocalDate(), paidSince == null ? null : paidSince.toLocalDate(),
                rs.getLong("adviser_id"), rs.getInt("diagnostic_round"), rs.getObject("workspace_opened_at", OffsetDateTime.class),
                rs.getLong("created_by"), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static MemberRow member(ResultSet rs, int i) throws SQLException {
        return new MemberRow(rs.getLong("account_id"), rs.getLong("user_id"), rs.getBoolean("admin_marker"),
                rs.getObject("added_at", OffsetDateTime.class));
    }

    private static InvitationRow invitation(ResultSet rs, int i) throws SQLException {
        return new InvitationRow(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("practice_id"), rs.getLong("user_id"),
                rs.getLong("invited_by"), rs.getObject("created_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class));
    }
}
