package com.atrium.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses in one shape: trimmed and lower-case, checked for a plausible form. */
public final class Emails {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Emails() {
    }

    public static String normalise(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException(field, "Enter an email address.");
        }
        String e = raw.trim().toLowerCase(Locale.ROOT);
        if (e.length() > 254 || !SHAPE.matcher(e).matches()) {
            throw new InvalidInputException(field, "\"" + raw.trim() + "\" is not an email address.");
        }
        return e;
    }
}
