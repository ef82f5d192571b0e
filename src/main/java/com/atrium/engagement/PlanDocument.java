package com.atrium.engagement;

import com.atrium.household.ClientView;
import com.atrium.household.PersonView;
import com.atrium.inventory.DonationView;
import com.atrium.inventory.DonationsView;
import com.atrium.inventory.WealthItemView;
import com.atrium.inventory.WealthView;
import com.atrium.shared.PhoneNumbers;
import com.atrium.simulation.SimulationView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the plan PDF prints, already formatted for print: the household and its family with ages, the wealth and
 * donations inventories with their totals, the latest simulation, the Your Life results, the top values and the
 * investment preferences, and the primary professional's name and contact (header, and the last section). Sections
 * with nothing recorded say so.
 */
record PlanDocument(String practiceName, String householdName, String status, String preparedOn, String primaryName,
                    String primaryEmail, String primaryPhone, List<Person> people, List<Line> assets, List<Line> liabilities,
                    String totalAssets, String totalLiabilities, String netWorth, List<Gift> donations, String totalDonations,
                    Simulation simulation, List<YourLifeView> yourLife, ValuesSessionView values, List<PreferencesView> preferences) {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    record Person(String name, String relationship, String dateOfBirth, String age) {
    }

    record Line(String type, String description, String owners, String value) {
    }

    record Gift(String date, String donor, String recipient, String kind, String amount) {
    }

    record Simulation(String ranOn, String rule, String deceased, String netEstate, String totalTax, List<Heir> heirs) {
    }

    record Heir(String name, String fraction, String inherited, String tax, String net) {
    }

    /** A plan of the household alone (every other section empty). */
    static PlanDocument of(ClientView client, String practiceName, LocalDate today) {
        return of(client, practiceName, today, null, null, null, List.of(), null, List.of());
    }

    static PlanDocument of(ClientView client, String practiceName, LocalDate today, WealthView wealth, DonationsView donations,
                           SimulationView simulation, List<YourLifeView> yourLife, ValuesSessionView values, List<PreferencesView> preferences) {
        ClientView.Contact primary = client.primaryProfessional();
        List<Person> people = client.people().stream().map(p -> person(p, today)).toList();
        return new PlanDocument(practiceName, client.displayName(), client.statusLabel(), DAY.format(today),
                primary == null ? "—" : primary.name(), primary == null ? null : primary.email(),
                primary == null ? null : PhoneNumbers.display(primary.phone()), people,
                wealth == null ? List.of() : wealth.assets().stream().map(PlanDocument::line).toList(),
                wealth == null ? List.of() : wealth.liabilities().stream().map(PlanDocument::line).toList(),
                money(wealth == null ? BigDecimal.ZERO : wealth.totalAssets()), money(wealth == null ? BigDecimal.ZERO : wealth.totalLiabilities()),
                money(wealth == null ? BigDecimal.ZERO : wealth.netWorth()),
                donations == null ? List.of() : donations.donations().stream().map(PlanDocument::gift).toList(),
                money(donations == null ? BigDecimal.ZERO : donations.total()), simulation(simulation), yourLife, values, preferences);
    }

    private static Person person(PersonView p, LocalDate today) {
        LocalDate dob = p.dateOfBirth();
        return new Person(p.name(), p.relationshipLabel(), dob == null ? "—" : DAY.format(dob),
                dob == null || dob.isAfter(today) ? "—" : Integer.toString(Period.between(dob, today).getYears()));
    }

    private static Line line(WealthItemView i) {
        return new Line(i.typeLabel(), i.description(), i.ownersLabel(), money(i.value()));
    }

    private static Gift gift(DonationView d) {
        return new Gift(DAY.format(d.date()), d.donorName(), d.recipientName(), d.kindLabel(), money(d.amount()));
    }

    private static Simulation simulation(SimulationView s) {
        if (s == null || s.result() == null) {
            return null;
        }
        var r = s.result();
        return new Simulation(DAY.format(s.createdAt().atZone(ZoneOffset.UTC).toLocalDate()), r.rule(), r.deceasedName(), money(r.netEstate()),
                money(r.totalTax()), r.heirs().stream().map(h -> new Heir(h.name(), h.fraction(), money(h.inherited()), money(h.tax()),
                money(h.net()))).toList());
    }

    /** "€ 1,234.50". */
    static String money(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return "\u20ac " + f.format((amount == null ? BigDecimal.ZERO : amount).setScale(2, RoundingMode.HALF_UP));
    }

    /** A file name safe everywhere: plan-smith-alex-sam.pdf. */
    String fileName() {
        String slug = FileNotes.slug(householdName);
        return "plan" + (slug.isEmpty() ? "" : "-" + slug) + ".pdf";
    }
}
