package com.atrium.practice;

import java.util.List;

/**
 * The clients a staff user is responsible for, told by the modules that own clients (household for households,
 * partner for business accounts), so the practice module can refuse to disable someone who is still a client's
 * primary professional, or to make someone a non-Professional while a client needs them as one, and name those
 * clients — without reading other modules' tables (the dependency points from them to practice).
 */
public interface StaffResponsibilities {

    /** The user's responsibilities in their practice, by client name. */
    List<Responsibility> of(long practiceId, long userId);

    /**
     * One client the user is responsible for.
     *
     * @param handOverPath the page where it is handed over (e.g. the client's Manage household access page)
     */
    record Responsibility(long clientId, String clientName, Kind kind, String handOverPath) {

        public String label() {
            return clientName + " (" + kind.label() + ")";
        }
    }

    enum Kind {
        PRIMARY("primary professional"), SECONDARY("secondary adviser"), ADVISER_ROLE("Adviser on the team");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
