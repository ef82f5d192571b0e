package com.atrium.access;

import com.atrium.shared.Actor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The what-if (issue 17): before any access change, who will lose access to which clients and who will gain it.
 *
 * <p>Not a second implementation of the rules: the change itself — the feature's own service method, with its checks,
 * its fact writes through {@link AccessFacts}, the visibility index and the audit entries — runs in a transaction of its
 * own that is always rolled back. Inside it, after the change, everyone's access to the clients the change touched is
 * computed by the decision logic every check uses ({@code Decisions.explanation} over {@code AccessRules}); the same is
 * computed again after rolling back to the savepoint taken before the change (the facts as they are); the difference
 * is the answer. Nothing is ever committed: no fact, no audit entry, no mail (the outbox is a table), and the check
 * cache is neither read nor filled by writing transactions.
 *
 * <p>The clients touched are those of the {@link AccessChanged} events the change publishes (every fact write publishes
 * one) plus, for a change to a person ({@link AccessFacts#subjectChanged}), every client they have a relation to. If the
 * change refuses (an exception), the refusal reaches the caller unchanged.
 *
 * <p>While it runs, the change holds the locks it takes (the client rows, the practice's audit chain head) for the time
 * of the preview, like the real change would.
 */
@Service
public class AccessWhatIf {
    private static final ThreadLocal<Touched> TOUCHED = new ThreadLocal<>();
    private final AccessContext ctx;
    private final TransactionTemplate tx;

    AccessWhatIf(AccessService access, PlatformTransactionManager transactions) {
        this.ctx = access.context();
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The outcome of a previewed change: what the change returned (on the proposed facts) and its effect on access. */
    public record Outcome<T>(T result, AccessDiff diff) {
    }

    /** What the change would do to access; nothing is kept (for a change that returns nothing). */
    public AccessDiff effects(Actor asker, Runnable change) {
        return preview(asker, () -> {
            change.run();
            return null;
        }).diff();
    }

    /**
     * Runs {@code change} in a transaction that is rolled back, and answers what it returned and what it would do to
     * access (only clients of the asker's practice are reported).
     */
    public <T> Outcome<T> preview(Actor asker, Supplier<T> change) {
        return preview(asker, change, true);
    }

    /**
     * {@link #preview}, with the effect computed set-based ({@code batch}: the facts of all touched clients in a few
     * statements, {@link Explanations#everyone(Collection, long)}) or one client at a time ({@link Explanations#everyone(long)},
     * what the single-client screens use). Both run the same decision logic on the same facts and answer alike; the
     * per-client form is kept for the tests that compare them and for the benchmark's before/after.
     */
    <T> Outcome<T> preview(Actor asker, Supplier<T> change, boolean batch) {
        return tx.execute(status -> {
            Object before = status.createSavepoint();
            Touched touched = new Touched();
            Touched outer = TOUCHED.get();
            TOUCHED.set(touched);
            T result;
            try {
                result = change.get();
            } finally {
                if (outer == null) {
                    TOUCHED.remove();
                } else {
                    TOUCHED.set(outer);
                }
            }
            Set<Long> clients = new TreeSet<>(touched.clients);
            clients.addAll(relatedClients(touched.users));
            Map<Long, Map<Long, Explanation>> proposed = batch ? evaluateAll(asker, clients) : evaluate(asker, clients);
            status.rollbackToSavepoint(before);
            Map<Long, Map<Long, Explanation>> current = batch ? evaluateAll(asker, clients) : evaluate(asker, clients);
            status.setRollbackOnly();
            return new Outcome<>(result, diff(current, proposed));
        });
    }

    /** Every fact write publishes one of these, synchronously: the clients a previewed change touches. */
    @EventListener
    void on(AccessChanged e) {
        Touched t = TOUCHED.get();
        if (t != null) {
            t.clients.add(e.clientId());
            if (e.subjectUserId() != null) {
                t.users.add(e.subjectUserId());
            }
        }
    }

    /** A person changed (disabled, type, manager capability): every client they have a relation to is touched. */
    static void userTouched(long userId) {
        Touched t = TOUCHED.get();
        if (t != null) {
            t.users.add(userId);
        }
    }

    private Set<Long> relatedClients(Collection<Long> users) {
        if (users.isEmpty()) {
            return Set.of();
        }
        return new LinkedHashSet<>(ctx.jdbc.sql("""
                        SELECT client_id FROM access_team WHERE user_id IN (:u)
                        UNION SELECT client_id FROM access_client WHERE secondary_user_id IN (:u)
                        UNION SELECT c.client_id FROM access_client c JOIN access_workgroup_member m ON m.group_id = c.workgroup_id
                              WHERE m.user_id IN (:u)
                        UNION SELECT client_id FROM access_grant WHERE user_id IN (:u)
                        UNION SELECT client_id FROM access_account_member WHERE user_id IN (:u)""")
                .param("u", users).query(Long.class).list());
    }

    /** Per client, everyone with access and why, as the facts stand now in this transaction. */
    private Map<Long, Map<Long, Explanation>> evaluate(Actor asker, Set<Long> clients) {
        Map<Long, Map<Long, Explanation>> result = new HashMap<>();
        for (long clientId : clients) {
            var facts = ctx.reads.clientFacts(clientId);
            if (facts.isEmpty() || facts.get().practiceId() != asker.practiceId()) {
                continue;
            }
            Map<Long, Explanation> byUser = new HashMap<>();
            for (Explanation e : ctx.explanations.everyone(clientId)) {
                byUser.put(e.userId(), e);
            }
            result.put(clientId, byUser);
        }
        return result;
    }

    /** {@link #evaluate} for all the clients at once: a few set-based statements whatever their number. */
    private Map<Long, Map<Long, Explanation>> evaluateAll(Actor asker, Set<Long> clients) {
        Map<Long, Map<Long, Explanation>> result = new HashMap<>();
        ctx.explanations.everyone(clients, asker.practiceId()).forEach((clientId, explanations) -> {
            Map<Long, Explanation> byUser = new HashMap<>();
            explanations.forEach(e -> byUser.put(e.userId(), e));
            result.put(clientId, byUser);
        });
        return result;
    }

    private AccessDiff diff(Map<Long, Map<Long, Explanation>> current, Map<Long, Map<Long, Explanation>> proposed) {
        Set<Long> clients = new TreeSet<>(current.keySet());
        clients.addAll(proposed.keySet());
        Map<Long, String> names = clients.isEmpty() ? Map.of() : sortNames(clients);
        List<AccessDiff.Change> changes = new ArrayList<>();
        for (long clientId : clients) {
            Map<Long, Explanation> was = current.getOrDefault(clientId, Map.of());
            Map<Long, Explanation> will = proposed.getOrDefault(clientId, Map.of());
            Set<Long> users = new TreeSet<>(was.keySet());
            users.addAll(will.keySet());
            for (long userId : users) {
                Explanation a = was.get(userId);
                Explanation b = will.get(userId);
                Set<Permission> before = a == null ? Set.of() : a.permissions();
                Set<Permission> after = b == null ? Set.of() : b.permissions();
                if (before.equals(after)) {
                    continue;
                }
                Explanation any = b != null ? b : a;
                changes.add(new AccessDiff.Change(userId, any.userName(), any.userType(), clientId, names.get(clientId), before, after,
                        a == null ? null : a.summary(), b == null ? null : b.summary()));
            }
        }
        return new AccessDiff(changes);
    }

    private Map<Long, String> sortNames(Set<Long> clients) {
        Map<Long, String> names = new HashMap<>();
        ctx.jdbc.sql("SELECT client_id, sort_name FROM access_client WHERE client_id IN (:c)").param("c", clients)
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    private static final class Touched {
        final Set<Long> clients = new LinkedHashSet<>();
        final Set<Long> users = new LinkedHashSet<>();
    }
}
