package com.atrium.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method that opens a client file (a page or an API call): the read audit records who opened which
 * client, when, what and from where, once the request has succeeded (nothing for a 404 or any other error). The client
 * id is the path variable {@link #idVariable()}. The method must take an {@link Actor}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ClientFileRead {

    /** What part of the file was opened. */
    Kind value();

    /** The path variable that holds the client's id. */
    String idVariable() default "id";

    /** The parts of a client file whose opening is recorded (stored by name; the database checks the list). */
    enum Kind {
        DETAIL("Client file"),
        FAMILY("Family"),
        WEALTH("Wealth inventory"),
        DONATIONS("Donations inventory"),
        SIMULATION("Simulation"),
        PLAN_EXPORT("Plan export (PDF)"),
        INSURANCE("Insurance (from the CRM)"),
        PORTAL_FILE("Portal: file"),
        PORTAL_FAMILY("Portal: family"),
        PORTAL_WEALTH("Portal: wealth"),
        PORTAL_DONATIONS("Portal: donations"),
        ENGAGEMENT("Your Life, values and investment preferences"),
        PREFERENCES_EXPORT("Investment preferences export (PDF)"),
        NOTES("Client notes"),
        PORTAL_ENGAGEMENT("Portal: Your Life and investment preferences");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
