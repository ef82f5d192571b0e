package com.atrium.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.household.ClientStatus;
import com.atrium.household.ClientView;
import com.atrium.household.PersonView;
import com.atrium.household.Relationship;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanDocumentTests {
    static final LocalDate TODAY = LocalDate.of(2026, 5, 3);

    static ClientView client(String name, String phone, PersonView... people) {
        return new ClientView(1, name, ClientStatus.PROSPECT, new ClientView.Contact(2, "Daniel Okafor", "d@harbour.example", phone),
                List.of(people), Instant.EPOCH, "x", Set.of(), null, null);
    }

    static PersonView person(String first, LocalDate dob) {
        return new PersonView(1, Relationship.CHILD, first, null, "Lee", dob, null, null);
    }

    @Test
    void agesAreWholeYearsOnTheDayOfExport() {
        PlanDocument d = PlanDocument.of(client("Lee", "+61412345678",
                person("Born today 40 years ago", LocalDate.of(1986, 5, 3)),
                person("Birthday tomorrow", LocalDate.of(1986, 5, 4)),
                person("Unknown", null)), "Harbour Wealth", TODAY);
        assertThat(d.people()).extracting(PlanDocument.Person::age).containsExactly("40", "39", "—");
        assertThat(d.people().get(0).dateOfBirth()).isEqualTo("3 May 1986");
        assertThat(d.status()).isEqualTo("Prospect");
        assertThat(d.preparedOn()).isEqualTo("3 May 2026");
    }

    @Test
    void thePrimarysPhonePrintsInInternationalDisplayFormat() {
        assertThat(PlanDocument.of(client("Lee", "+61412345678"), "H", TODAY).primaryPhone()).isEqualTo("+61 412 345 678");
        assertThat(PlanDocument.of(client("Lee", "+442079460958"), "H", TODAY).primaryPhone()).isEqualTo("+44 20 7946 0958");
        assertThat(PlanDocument.of(client("Lee", null), "H", TODAY).primaryPhone()).isNull();
    }

    @Test
    void fileNamesAreAsciiSlugs() {
        assertThat(PlanDocument.of(client("Smith, Alex & Sam", null), "H", TODAY).fileName()).isEqualTo("plan-smith-alex-sam.pdf");
        assertThat(PlanDocument.of(client("Łukasiewicz-Ørsted, Zoë", null), "H", TODAY).fileName())
                .isEqualTo("plan-lukasiewicz-orsted-zoe.pdf");
        assertThat(PlanDocument.of(client("李 / 王", null), "H", TODAY).fileName()).isEqualTo("plan.pdf");
        assertThat(PlanDocument.of(client("x".repeat(200), null), "H", TODAY).fileName()).hasSize("plan-".length() + 60 + ".pdf".length());
    }
}
