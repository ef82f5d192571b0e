package com.atrium.e2e;

import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffForm;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;

/**
 * New staff users of the demo practice Harbour Wealth for one browser test, so that a test changing
 * workgroups or teams never touches what another test (or the README's demo tour) relies on. The email is
 * {@code first.last@harbour.example} (screenshots stay readable), made unique only if a test already took
 * it; the password is {@link Fixtures#PASSWORD}.
 */
final class HarbourStaff {
    static final String PRACTICE = "Harbour Wealth";

    private HarbourStaff() {
    }

    static Actor create(PracticeService practices, String first, String last, String phone, UserType type) {
        long practiceId = practices.practiceByName(PRACTICE).orElseThrow().id();
        String email = (first + "." + last + "@harbour.example").toLowerCase();
        long id;
        try {
            id = practices.createUser(practiceId, new StaffForm(email, first, last, phone, type, false, Fixtures.PASSWORD));
        } catch (ConflictException taken) {
            email = Fixtures.unique(first + "." + last).toLowerCase() + "@harbour.example";
            id = practices.createUser(practiceId, new StaffForm(email, first, last, phone, type, false, Fixtures.PASSWORD));
        }
        return practices.actor(id).orElseThrow();
    }
}
