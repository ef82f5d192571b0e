package com.atrium.e2e;

import com.atrium.practice.Practice;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffForm;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;

/**
 * A practice of its own for one browser test, with staff users made through the real service. A test that
 * changes teams, workgroups or staff works there, so the demo practices stay exactly as the other browser tests
 * (and their screenshots) expect them, whatever order the classes run in. Names and emails are readable for the
 * screenshots ({@code first.last@<domain>}) and made unique only if a test already took them; every user's password
 * is {@link Fixtures#PASSWORD}.
 */
final class OwnPractice {
    final Practice practice;
    private final PracticeService practices;
    private final String domain;

    private OwnPractice(PracticeService practices, Practice practice, String domain) {
        this.practices = practices;
        this.practice = practice;
        this.domain = domain;
    }

    /** Creates the practice {@code name} (with a unique suffix if it exists); emails end in {@code @domain}. */
    static OwnPractice create(PracticeService practices, String name, String domain) {
        Practice p;
        try {
            p = practices.createPractice(name);
        } catch (ConflictException taken) {
            p = practices.createPractice(Fixtures.unique(name));
        }
        return new OwnPractice(practices, p, domain);
    }

    /** A staff user of this practice (log in with {@code actor.email()} and {@link Fixtures#PASSWORD}). */
    Actor user(String first, String last, String phone, UserType type, boolean manager) {
        String email = (first + "." + last + "@" + domain).toLowerCase();
        long id;
        try {
            id = practices.createUser(practice.id(), new StaffForm(email, first, last, phone, type, manager, Fixtures.PASSWORD));
        } catch (ConflictException taken) {
            email = Fixtures.unique(first + "." + last).toLowerCase() + "@" + domain;
            id = practices.createUser(practice.id(), new StaffForm(email, first, last, phone, type, manager, Fixtures.PASSWORD));
        }
        return practices.actor(id).orElseThrow();
    }
}
