package com.atrium.compliance;

import com.atrium.access.AccessDiff;
import com.atrium.access.AccessPath;
import com.atrium.access.AccessService;
import com.atrium.access.AccessWhatIf;
import com.atrium.access.PathKind;
import com.atrium.access.PracticePermission;
import com.atrium.access.ReviewRow;
import com.atrium.household.HouseholdService;
import com.atrium.household.TeamService;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk revocation from the access review (issue 17): the selected rows, in one step and one transaction, each row
 * revoked whole — every path that gives the person access to the client withdrawn through the module that owns it
 * (the team through {@link TeamService}, the secondary adviser through {@link HouseholdService}, an outsider's grant
 * through the access module) — or refused whole with the reason. Refused: the primary professional (never without a
 * replacement: hand over first), a holder's or co-holder's grant (permanent), a practice manager (their reach is their
 * role), a workgroup path (the workgroup's owner runs its membership), a business account's membership.
 *
 * <p>The preview ({@code dryRun}) runs the very same revocation through {@link AccessWhatIf}, which rolls it back and
 * reports who loses (and gains) what on the proposed facts. Every withdrawal is an audit entry of its own; the
 * operation adds one ({@code ACCESS_REVIEW_REVOCATION}).
 */
@Service
public class RevocationService {
    static final int MAX_ROWS = 500;
    private static final Pattern PAIR = Pattern.compile("(\\d{1,18}):(\\d{1,18}|all)");
    private static final Pattern GRANT = Pattern.compile("grant:(\\d{1,18})");

    private final AccessService access;
    private final com.atrium.access.AccessFacts facts;
    private final AccessWhatIf whatIf;
    private final AccessReviewService review;
    private final TeamService teams;
    private final HouseholdService households;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    RevocationService(AccessService access, com.atrium.access.AccessFacts facts, AccessWhatIf whatIf, AccessReviewService review, TeamService teams,
                      HouseholdService households, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.access = access;
        this.facts = facts;
        this.whatIf = whatIf;
        this.review = review;
        this.teams = teams;
        this.households = households;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Revokes the rows (or, with {@code dryRun}, previews it). Practice managers only. */
    public Revocations revoke(Actor actor, RevocationForm form, boolean dryRun) {
        access.require(actor, PracticePermission.REVIEW_ACCESS);
        List<String> keys = keys(form);
        if (dryRun) {
            AccessWhatIf.Outcome<List<Planned>> o = whatIf.preview(actor, () -> apply(actor, keys, false));
            AccessDiff diff = o.diff().withClientNames(households.displayNames(actor, o.diff().clientIds()));
            return answer(true, o.result(), diff.byPerson());
        }
        List<Planned> done = tx.execute(status -> apply(actor, keys, true));
        return answer(false, done, List.of());
    }

    /** Plans every row on the facts as they are now (in the caller's transaction) and withdraws the revocable ones. */
    private List<Planned> apply(Actor actor, List<String> keys, boolean audit) {
        List<Planned> planned = new ArrayList<>();
        for (String key : keys) {
            planned.add(plan(actor, key));
        }
        for (Planned p : planned) {
            if (p.reason == null) {
                withdraw(actor, p.row);
            }
        }
        long revoked = planned.stream().filter(p -> p.reason == null).count();
        if (audit && revoked > 0) {
            String rows = planned.stream().filter(p -> p.reason == null)
                    .map(p -> p.row.userName() + " on " + p.row.clientName()).collect(Collectors.joining("; "));
            events.publishEvent(new AccessRevokedInReview(actor.practiceId(), actor.userId(), (int) revoked,
                    (int) (planned.size() - revoked), rows));
        }
        return planned;
    }

    private Planned plan(Actor actor, String key) {
        Matcher grant = GRANT.matcher(key);
        if (grant.matches()) {
            Optional<ReviewRow> row = access.reviewGrantRow(actor, Long.parseLong(grant.group(1)));
            return row.map(r -> planned(actor, key, r)).orElseGet(() -> new Planned(key, null, "This invitation is no longer in the review"
                    + " (accepted, withdrawn or expired since): reload the review."));
        }
        Matcher pair = PAIR.matcher(key);
        pair.matches(); // checked by keys()
        if ("all".equals(pair.group(2))) {
            return new Planned(key, null, "A practice manager reaches every client of the practice through their role, not through a"
                    + " path to revoke: change their manager capability on the staff page.");
        }
        Optional<ReviewRow> row = access.reviewRow(actor, Long.parseLong(pair.group(1)), Long.parseLong(pair.group(2)));
        return row.map(r -> planned(actor, key, r)).orElseGet(() -> new Planned(key, null,
                "This person has no access to this client any more (changed since the review was shown): reload the review."));
    }

    private Planned planned(Actor actor, String key, ReviewRow row) {
        ReviewRow named = review.named(actor, List.of(row)).get(0);
        List<String> reasons = new ArrayList<>();
        for (AccessPath p : row.paths()) {
            refusal(row, p).ifPresent(reasons::add);
        }
        if (row.paths().isEmpty()) {
            reasons.add(row.userName() + " has nothing recorded on this client that could be revoked.");
        }
        return new Planned(key, named, reasons.isEmpty() ? null : String.join(" ", new LinkedHashSet<>(reasons)));
    }

    /** Why this path may not be revoked from the review, or empty when it may. */
    static Optional<String> refusal(ReviewRow row, AccessPath p) {
        String who = row.userName();
        return Optional.ofNullable(switch (p.kind()) {
            case PRIMARY -> who + " is the primary professional (file manager), who is never removed without a replacement: hand the"
                    + " client over first (Team & access, or Staff \u2192 " + who + " \u2192 Reassign clients).";
            case PRACTICE_MANAGER -> who + " is a practice manager and reaches every client of the practice through that role:"
                    + " change their manager capability on the staff page.";
            case HOLDER_READ_WRITE, HOLDER_READ_ONLY -> "Access of a holder or co-holder can never be withdrawn.";
            case WORKGROUP_MEMBER -> who + " reaches this client through a workgroup (" + lowerFirst(p.description()) + "): its owner"
                    + " removes members on the workgroup's page, or the client is taken out of the workgroup.";
            case ACCOUNT_ADMIN, ACCOUNT_MEMBER, IN_ADVISOR_MODE -> who + " is a user of this business account: manage its users in"
                    + " the partner portal.";
            case TEAM, SECONDARY_ADVISER, FAMILY_READ_WRITE, FAMILY_READ_ONLY, ADVISER_READ_WRITE, ADVISER_READ_ONLY -> null;
        });
    }

    /** Withdraws every path of the row, each through the module that owns it (each one audited). */
    private void withdraw(Actor actor, ReviewRow row) {
        for (AccessPath p : row.paths()) {
            switch (p.kind()) {
                case TEAM -> teams.removeMember(actor, row.clientId(), row.userId(), null);
                case SECONDARY_ADVISER -> households.setSecondaryAdviser(actor, row.clientId(), null);
                case FAMILY_READ_WRITE, FAMILY_READ_ONLY, ADVISER_READ_WRITE, ADVISER_READ_ONLY ->
                        facts.grantRevokedInReview(actor, row.clientId(), row.grantId());
                default -> throw new IllegalStateException("not revocable: " + p.kind());
            }
        }
        if (row.userId() == null && row.grantId() != null && row.paths().isEmpty()) {
            facts.grantRevokedInReview(actor, row.clientId(), row.grantId());
        }
    }

    private Revocations answer(boolean dryRun, List<Planned> planned, List<AccessDiff.Person> effects) {
        List<Revocations.Revoked> revoked = new ArrayList<>();
        List<Revocations.Refused> refused = new ArrayList<>();
        for (Planned p : planned) {
            if (p.reason == null) {
                revoked.add(new Revocations.Revoked(p.key, p.row.userId(), p.row.userName(), p.row.clientId(), p.row.clientName(),
                        p.row.paths().stream().map(AccessPath::description).toList()));
            } else {
                refused.add(new Revocations.Refused(p.key, p.row == null ? null : p.row.userName(), p.row == null ? null
                        : p.row.clientName(), p.reason));
            }
        }
        return new Revocations(dryRun, revoked, refused, effects);
    }

    /** The keys, each checked; all errors at once on the field {@code rows}. */
    static List<String> keys(RevocationForm form) {
        List<String> rows = form == null || form.rows() == null ? List.of() : form.rows().stream().filter(Objects::nonNull)
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
        if (rows.isEmpty()) {
            throw new InvalidInputException("rows", "Select at least one row of the review to revoke.");
        }
        if (rows.size() > MAX_ROWS) {
            throw new InvalidInputException("rows", "At most " + MAX_ROWS + " rows at once; you selected " + rows.size() + ".");
        }
        List<String> bad = rows.stream().filter(k -> !PAIR.matcher(k).matches() && !GRANT.matcher(k).matches()).limit(5).toList();
        if (!bad.isEmpty()) {
            throw new InvalidInputException("rows", "Not a row of the review: " + bad.stream().map(b -> "\u201c" + clip(b) + "\u201d")
                    .collect(Collectors.joining(", ")) + " (a row is <person id>:<client id>, or grant:<id> for an invitation).");
        }
        return rows;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "\u2026" : s;
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private record Planned(String key, ReviewRow row, String reason) {
    }
}
