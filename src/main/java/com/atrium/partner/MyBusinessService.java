package com.atrium.partner;

import com.atrium.access.ClientFilter;
import com.atrium.access.PracticePermission;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * My Business, in one SQL statement over the accounts the caller may see (the access module's filter), grouped by
 * licence tier, paid status, and the months they started their trial and became paid: everything the page shows —
 * the counts, licences by tier, accounts over time — is summed from those few rows. An adviser sees the accounts they
 * are the related adviser of; practice managers see any adviser's, or the practice's in aggregate.
 */
@Service
public class MyBusinessService {
    static final int MONTHS = 12;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private final JdbcClient jdbc;
    private final AccountAccess access;
    private final PracticeService practice;
    private final Clock clock;

    MyBusinessService(JdbcClient jdbc, AccountAccess access, PracticeService practice, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.practice = practice;
        this.clock = clock;
    }

    record Group(Licence licence, boolean paid, int trialMonth, Integer paidMonth, long count) {
    }

    @Transactional(readOnly = true)
    public MyBusiness myBusiness(Actor actor, Long adviserId) {
        access.require(actor, PracticePermission.VIEW_MY_BUSINESS);
        boolean manager = access.check(actor, PracticePermission.VIEW_PRACTICE_BUSINESS);
        Long adviser = adviserId;
        if (adviser == null && !manager) {
            adviser = actor.userId(); // an adviser's own business
        }
        String scope = "the whole practice";
        if (adviser != null && adviser != actor.userId()) {
            if (!manager) {
                throw new ForbiddenException("Only practice managers see My Business of other advisers.");
            }
            StaffView u = practice.userInPractice(actor.practiceId(), adviser).filter(s -> s.type() == UserType.PROFESSIONAL)
                    .orElseThrow(() -> new NotFoundException("Adviser"));
            scope = u.name();
        } else if (adviser != null) {
            scope = actor.name();
        }
        List<Group> groups = groups(access.visible(actor), adviser);
        return summarise(adviser, scope, groups, manager ? practice.professionals(actor.practiceId()).stream()
                .map(s -> new MyBusiness.Adviser(s.id(), s.name())).toList() : List.of());
    }

    private List<Group> groups(ClientFilter visible, Long adviser) {
        String trial = "EXTRACT(YEAR FROM a.trial_started_on) * 100 + EXTRACT(MONTH FROM a.trial_started_on)";
        String paid = "EXTRACT(YEAR FROM a.paid_since) * 100 + EXTRACT(MONTH FROM a.paid_since)";
        return jdbc.sql("SELECT a.licence, a.paid, " + trial + " AS trial_month, " + paid + " AS paid_month, COUNT(*) AS n"
                        + " FROM partner_account a WHERE (" + visible.predicate() + ")" + (adviser == null ? "" : " AND a.adviser_id = :adviser")
                        + " GROUP BY a.licence, a.paid, " + trial + ", " + paid)
                .params(visible.params()).param("adviser", adviser == null ? 0L : adviser)
                .query((rs, i) -> {
                    int pm = rs.getInt("paid_month");
                    Integer paidMonth = rs.wasNull() ? null : pm;
                    return new Group(Licence.valueOf(rs.getString("licence")), rs.getBoolean("paid"), rs.getInt("trial_month"), paidMonth,
                            rs.getLong("n"));
                })
                .list();
    }

    MyBusiness summarise(Long adviser, String scope, List<Group> groups, List<MyBusiness.Adviser> advisers) {
        Map<Licence, long[]> byTier = new EnumMap<>(Licence.class);
        for (Licence l : Licence.values()) {
            byTier.put(l, new long[2]);
        }
        long paid = 0;
        long trial = 0;
        for (Group g : groups) {
            byTier.get(g.licence())[g.paid() ? 0 : 1] += g.count();
            if (g.paid()) {
                paid += g.count();
            } else {
                trial += g.count();
            }
        }
        List<MyBusiness.Tier> tiers = new ArrayList<>();
        byTier.forEach((l, n) -> tiers.add(new MyBusiness.Tier(l, l.label(), n[0], n[1])));
        YearMonth now = YearMonth.from(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        List<MyBusiness.Month> months = new ArrayList<>();
        for (int i = MONTHS - 1; i >= 0; i--) {
            YearMonth m = now.minusMonths(i);
            int key = m.getYear() * 100 + m.getMonthValue();
            long accounts = groups.stream().filter(g -> g.trialMonth() <= key).mapToLong(Group::count).sum();
            long paidBy = groups.stream().filter(g -> g.paidMonth() != null && g.paidMonth() <= key).mapToLong(Group::count).sum();
            months.add(new MyBusiness.Month(MONTH.format(m), accounts, paidBy));
        }
        return new MyBusiness(adviser, scope, paid, trial, tiers, months, bars(tiers), lines(months), advisers);
    }

    static MyBusiness.BarChart bars(List<MyBusiness.Tier> tiers) {
        int w = 320;
        int h = 140;
        int plot = h - 20;
        long max = Math.max(1, tiers.stream().mapToLong(MyBusiness.Tier::total).max().orElse(1));
        List<MyBusiness.Bar> bars = new ArrayList<>();
        int slot = w / tiers.size();
        for (int i = 0; i < tiers.size(); i++) {
            MyBusiness.Tier t = tiers.get(i);
            int paidH = (int) (t.paid() * plot / max);
            int trialH = (int) (t.trial() * plot / max);
            int x = i * slot + slot / 4;
            bars.add(new MyBusiness.Bar(t.label(), x, slot / 2, plot - paidH, paidH, plot - paidH - trialH, trialH,
                    t.label() + ": " + t.paid() + " paid, " + t.trial() + " on trial"));
        }
        return new MyBusiness.BarChart(w, h, bars);
    }

    static MyBusiness.LineChart lines(List<MyBusiness.Month> months) {
        int w = 320;
        int h = 140;
        long max = Math.max(1, months.stream().mapToLong(MyBusiness.Month::accounts).max().orElse(1));
        StringBuilder accounts = new StringBuilder();
        StringBuilder paid = new StringBuilder();
        for (int i = 0; i < months.size(); i++) {
            int x = 8 + i * (w - 16) / Math.max(1, months.size() - 1);
            accounts.append(i == 0 ? "" : " ").append(x).append(',').append(4 + (h - 8) - months.get(i).accounts() * (h - 8) / max);
            paid.append(i == 0 ? "" : " ").append(x).append(',').append(4 + (h - 8) - months.get(i).paid() * (h - 8) / max);
        }
        return new MyBusiness.LineChart(w, h, accounts.toString(), paid.toString(), months.get(0).label(),
                months.get(months.size() - 1).label(), max);
    }
}
