package com.atrium.shared;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers in one shape: E.164 with the country code, validated with libphonenumber. */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * Returns the number in E.164 form (e.g. +61412345678), null for blank input, or throws a clear
     * message for the given field.
     */
    public static String normalise(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.trim();
        if (!trimmed.startsWith("+") && !trimmed.startsWith("00")) {
            throw new InvalidInputException(field, "Enter the number with its country code, e.g. +61 412 345 678.");
        }
        try {
            PhoneNumber n = UTIL.parse(trimmed.startsWith("00") ? "+" + trimmed.substring(2) : trimmed, null);
            if (!UTIL.isValidNumber(n)) {
                throw new InvalidInputException(field, "\"" + trimmed + "\" is not a valid phone number.");
            }
            return UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidInputException(field, "\"" + trimmed + "\" is not a phone number we can read.");
        }
    }

    /**
     * Like {@link #normalise} for a number that must receive text messages (the outsiders' login code): refused unless
     * libphonenumber types it MOBILE, or FIXED_LINE_OR_MOBILE where the country's numbering cannot tell (e.g. +1).
     */
    public static String normaliseMobile(String field, String raw) {
        String e164 = normalise(field, raw);
        if (e164 != null && !isMobile(e164)) {
            throw new InvalidInputException(field, display(e164) + " is not a mobile number (it cannot receive the login code"
                    + " by text message): enter a mobile number with its country code, e.g. +61 412 345 678.");
        }
        return e164;
    }

    /** True when the (valid) number is a mobile number (or a number type that may be one). */
    public static boolean isMobile(String e164) {
        try {
            PhoneNumberUtil.PhoneNumberType type = UTIL.getNumberType(UTIL.parse(e164, null));
            return type == PhoneNumberUtil.PhoneNumberType.MOBILE || type == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE;
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** Human-readable international format, e.g. +61 412 345 678. */
    public static String display(String e164) {
        if (e164 == null) {
            return null;
        }
        try {
            return UTIL.format(UTIL.parse(e164, null), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
