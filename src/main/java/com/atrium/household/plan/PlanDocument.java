package com.atrium.household.plan;

import com.atrium.household.ClientView;
import com.atrium.household.PersonView;
import com.atrium.shared.PhoneNumbers;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the plan PDF prints: the household, its people with their ages, and the primary professional's
 * contact details for the header. Everything already formatted for print.
 */
record PlanDocument(String practiceName, String householdName, String status, String preparedOn, String primaryName,
                    String primaryEmail, String primaryPhone, List<Person> people) {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    record Person(String name, String relationship, String dateOfBirth, String age) {
    }

    static PlanDocument of(ClientView client, String practiceName, LocalDate today) {
        ClientView.Contact primary = client.primaryProfessional();
        List<Person> people = client.people().stream().map(p -> person(p, today)).toList();
        return new PlanDocument(practiceName, client.displayName(), client.statusLabel(), DAY.format(today),
                primary == null ? "—" : primary.name(), primary == null ? null : primary.email(),
                primary == null ? null : PhoneNumbers.display(primary.phone()), people);
    }

    private static Person person(PersonView p, LocalDate today) {
        LocalDate dob = p.dateOfBirth();
        return new Person(p.name(), p.relationshipLabel(), dob == null ? "—" : DAY.format(dob),
                dob == null || dob.isAfter(today) ? "—" : Integer.toString(Period.between(dob, today).getYears()));
    }

    /** A file name safe everywhere: plan-smith-alex-sam.pdf. */
    String fileName() {
        String ascii = Normalizer.normalize(householdName.toLowerCase(Locale.ROOT)
                        .replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss").replace("æ", "ae")
                        .replace("œ", "oe"), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return "plan" + (slug.isEmpty() ? "" : "-" + slug) + ".pdf";
    }
}
