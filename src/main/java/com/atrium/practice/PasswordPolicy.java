package com.atrium.practice;

import com.atrium.shared.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for every password a person chooses: creating a staff user, accepting an outsider's
 * invitation, changing one's password, resetting a forgotten one. The demo seed's documented password is
 * set without it (it is never typed into a form).
 * <ul>
 *   <li>at least {@value #MIN_CHARACTERS} characters;</li>
 *   <li>at most {@value #MAX_BYTES} bytes in UTF-8: bcrypt reads only the first 72 bytes, so a longer password would
 *       either be cut silently (any suffix would log in) or fail; Atrium refuses it with a message instead;</li>
 *   <li>not one of the 10,000 most common passwords ({@code common-passwords.txt}), compared in lower case, also once
 *       trailing digits and symbols are removed ({@code Sunshine2024!} is {@code sunshine});</li>
 *   <li>not a short pattern repeated ({@code abcabcabcabc}) nor a run of consecutive characters ({@code 123456789012}),
 *       and not containing the product's name.</li>
 * </ul>
 */
public final class PasswordPolicy {
    public static final int MIN_CHARACTERS = 12;
    public static final int MAX_BYTES = 72;

    static final String TOO_SHORT = "Choose a password of at least " + MIN_CHARACTERS + " characters.";
    static final String TOO_LONG = "A password can be at most " + MAX_BYTES + " bytes: " + MAX_BYTES
            + " plain letters, digits or symbols (accented letters take 2 bytes, emoji 4). Choose a shorter one.";
    static final String TOO_COMMON = "This password is one of the most common passwords, which attackers try first. Choose another.";
    static final String TOO_PREDICTABLE = "This password is a simple pattern (a repeated or consecutive sequence). Choose another.";
    static final String PRODUCT_NAME = "A password must not contain the word \"Atrium\". Choose another.";

    private static final Pattern REPEATED = Pattern.compile("^(.{1,6}?)\\1+$", Pattern.DOTALL);
    private static final Pattern TRAILING_DIGITS_AND_SYMBOLS = Pattern.compile("[\\p{N}\\p{P}\\p{S}\\s]+$");
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** What is wrong with this new password, in words for the person choosing it; empty when it is acceptable. */
    public static Optional<String> problem(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of(TOO_SHORT);
        }
        if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return Optional.of(TOO_SHORT);
        }
        if (tooLong(password)) {
            return Optional.of(TOO_LONG);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String stem = TRAILING_DIGITS_AND_SYMBOLS.matcher(lower).replaceAll("");
        if (COMMON.contains(lower) || stem.length() >= 4 && COMMON.contains(stem)) {
            return Optional.of(TOO_COMMON);
        }
        if (REPEATED.matcher(lower).matches() || consecutive(lower)) {
            return Optional.of(TOO_PREDICTABLE);
        }
        if (lower.contains("atrium")) {
            return Optional.of(PRODUCT_NAME);
        }
        return Optional.empty();
    }

    /** Throws {@link InvalidInputException} on {@code field} when the password breaks the policy. */
    public static void require(String field, String password) {
        problem(password).ifPresent(message -> {
            throw new InvalidInputException(field, message);
        });
    }

    /** More than bcrypt reads: such a password is refused when chosen and never matches at login. */
    static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    /** How many passwords the bundled list holds (for the docs and tests). */
    static int commonCount() {
        return COMMON.size();
    }

    private static boolean consecutive(String s) {
        int[] cps = s.codePoints().toArray();
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < cps.length; i++) {
            up &= cps[i] == cps[i - 1] + 1 || cps[i - 1] == '9' && cps[i] == '0';
            down &= cps[i] == cps[i - 1] - 1 || cps[i - 1] == '0' && cps[i] == '9';
        }
        return up || down;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(16_384);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the classpath (com/atrium/practice)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
