package com.atrium.shared;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for free text entering Atrium (finding 10 of the security review): control characters never get in.
 * Applied at the boundary to every request parameter and every JSON string (web module), and by whoever imports text
 * from elsewhere (CSV, CRM). It removes NUL and the other C0/C1 controls, DEL, the bidirectional overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C; they make "txt.exe" read as "exe.txt"), the byte
 * order mark and unpaired surrogates; line breaks and tabs become one space (every field is one line) except in
 * the few multi-line fields, which keep {@code \n}. Passwords are never touched (they are compared, not shown).
 */
public final class PlainText {
    /** Field and parameter names whose text may span lines (notes, messages, and the CSV a form carries across re-renders). */
    public static final Set<String> MULTI_LINE_FIELDS = Set.of("note", "notes", "message", "body", "comment", "csvText");

    private static final Pattern REMOVED = Pattern.compile(
            "[\\x00-\\x08\\x0E-\\x1F\\x7F-\\x84\\x86-\\x9F\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF\\uFFF9-\\uFFFB]"
                    + "|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]");
    private static final Pattern BREAKS = Pattern.compile("[\\t\\n\\x0B\\f\\r\\x85\\u2028\\u2029]+");
    private static final Pattern BREAKS_BUT_LF = Pattern.compile("\\r\\n?|[\\x0B\\f\\x85\\u2028\\u2029]");
    private static final Pattern TABS = Pattern.compile("\\t+");

    private PlainText() {
    }

    /** One line of text, cleaned; null stays null. */
    public static String clean(String s) {
        if (s == null || isClean(s)) {
            return s;
        }
        return BREAKS.matcher(REMOVED.matcher(s).replaceAll("")).replaceAll(" ");
    }

    /** Text that may span lines: line breaks become {@code \n}, tabs a space, the rest as {@link #clean}. */
    public static String cleanMultiLine(String s) {
        if (s == null || isClean(s)) {
            return s;
        }
        return TABS.matcher(BREAKS_BUT_LF.matcher(REMOVED.matcher(s).replaceAll("")).replaceAll("\n")).replaceAll(" ");
    }

    /** Cleans the value of a named field or parameter by its kind: passwords untouched, multi-line fields keep lines. */
    public static String cleanField(String name, String value) {
        if (name == null) {
            return clean(value);
        }
        if (isSecret(name)) {
            return value;
        }
        return MULTI_LINE_FIELDS.contains(leaf(name)) ? cleanMultiLine(value) : clean(value);
    }

    /** "people[0].notes" -> "notes". */
    private static String leaf(String name) {
        String n = name.substring(name.lastIndexOf('.') + 1);
        int bracket = n.indexOf('[');
        return bracket >= 0 ? n.substring(0, bracket) : n;
    }

    /** Passwords (and their confirmation) are compared byte for byte, never shown: left as typed. */
    public static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("password") || n.equals("confirm");
    }

    /** True when nothing would be changed (the common case, checked without a regex). */
    public static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || (c >= '\uFFF9' && c <= '\uFFFB')
                    || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
