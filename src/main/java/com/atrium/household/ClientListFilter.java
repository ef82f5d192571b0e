package com.atrium.household;

import com.atrium.shared.InvalidInputException;
import java.util.Locale;

/**
 * Which clients a list shows by status: archived clients leave the default list ({@link #CURRENT}: active and
 * prospects); {@link #ARCHIVED} shows only them, {@link #ALL} both. Request parameter {@code archived}: {@code exclude}
 * (default), {@code only}, {@code include}.
 */
public enum ClientListFilter {
    CURRENT("exclude", Boolean.FALSE), ARCHIVED("only", Boolean.TRUE), ALL("include", null);

    private final String parameter;
    private final Boolean archived;

    ClientListFilter(String parameter, Boolean archived) {
        this.parameter = parameter;
        this.archived = archived;
    }

    public String parameter() {
        return parameter;
    }

    /** TRUE: only archived, FALSE: none archived, null: both. */
    Boolean archived() {
        return archived;
    }

    /** From the request parameter (blank = the default list). */
    public static ClientListFilter of(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return CURRENT;
        }
        String p = parameter.trim().toLowerCase(Locale.ROOT);
        for (ClientListFilter f : values()) {
            if (f.parameter.equals(p)) {
                return f;
            }
        }
        switch (p) {
            case "false": return CURRENT;
            case "true": return ARCHIVED;
            case "all": return ALL;
            default: throw new InvalidInputException("archived", "Show archived clients with exclude (the default), only or include.");
        }
    }
}
