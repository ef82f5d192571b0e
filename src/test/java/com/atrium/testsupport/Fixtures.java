package com.atrium.testsupport;

import com.atrium.household.ClientForm;
import com.atrium.household.ClientStatus;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonForm;
import com.atrium.household.Relationship;
import com.atrium.practice.Practice;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffForm;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;

/** Builders for test data. Every name and email is unique, so tests sharing a database never collide. */
@TestComponent
public class Fixtures {
    public static final String PASSWORD = "test-password-1";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private final PracticeService practices;
    private final HouseholdService households;

    public Fixtures(PracticeService practices, HouseholdService households) {
        this.practices = practices;
        this.households = households;
    }

    public static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQ.incrementAndGet();
    }

    /** A practice with one of each kind of staff user. */
    public TestPractice practice() {
        Practice p = practices.createPractice(unique("Practice"));
        TestPractice t = new TestPractice(p);
        t.manager = user(p, UserType.PROFESSIONAL, true, "manager");
        t.adviser = user(p, UserType.PROFESSIONAL, false, "adviser");
        t.otherAdviser = user(p, UserType.PROFESSIONAL, false, "adviser2");
        t.support = user(p, UserType.SUPPORT, false, "support");
        t.assistant = user(p, UserType.ASSISTANT, false, "assistant");
        return t;
    }

    public Actor user(Practice p, UserType type, boolean manager, String label) {
        String email = unique(label).toLowerCase() + "@test.example";
        long id = practices.createUser(p.id(), new StaffForm(email, label, "Tester", "+61 412 345 678", type, manager, PASSWORD));
        return practices.actor(id).orElseThrow();
    }

    /** A household created by {@code creator} (a Professional creator becomes its primary). */
    public ClientView client(Actor creator, String lastName) {
        return households.create(creator, new ClientForm(null, ClientStatus.ACTIVE, null, List.of(
                new PersonForm("Alex", null, lastName, LocalDate.of(1970, 5, 4), null, null, Relationship.HOLDER),
                new PersonForm("Sam", null, lastName, LocalDate.of(1972, 8, 9), null, null, Relationship.SPOUSE))));
    }

    /** The staff of one test practice. */
    public static final class TestPractice {
        public final Practice practice;
        public Actor manager;
        public Actor adviser;
        public Actor otherAdviser;
        public Actor support;
        public Actor assistant;

        TestPractice(Practice practice) {
            this.practice = practice;
        }
    }
}
