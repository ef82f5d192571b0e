package com.atrium.partner;

import com.atrium.shared.CsvImport;
import com.atrium.shared.CsvImport.LineError;
import com.atrium.shared.Emails;
import com.atrium.shared.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Bulk users from a CSV file (first name, last name, email), through the shared import
 * ({@link CsvImport}: parse → validate every line → preview → apply in one transaction). Everything that can be
 * checked without the database is checked here; {@link #checkTaken} adds "already a user" from one query.
 */
final class BulkUsers {
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final String TEMPLATE = "first name,last name,email\r\nAda,Lovelace,ada@example.com\r\n";
    static final Map<String, List<String>> HEADERS = headers();

    private BulkUsers() {
    }

    private static Map<String, List<String>> headers() {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("first name", List.of("firstname", "first", "given name"));
        h.put("last name", List.of("lastname", "last", "surname", "family name"));
        h.put("email", List.of("email address", "e-mail"));
        return h;
    }

    /** A valid row, normalised. {@code line} is its line number in the file (0 for rows typed on the form). */
    record Row(int line, String firstName, String lastName, String email) {
        String[] asArray() {
            return new String[] {email, firstName, lastName};
        }
    }

    /** The outcome of reading a file: valid rows and every error with its line number. Nothing is created unless ok. */
    record Checked(List<Row> rows, List<LineError> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Bytes as UTF-8 text, refusing files over 5 MB and anything that is not UTF-8. */
    static String text(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("file", "The file is empty: it needs the header line (first name, last name, email) and one line per user.");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("file", "The file is larger than 5 MB (" + (bytes.length / 1024) + " KB): split it.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("file", "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.");
        }
    }

    /** Parses and checks every line of the file (names, email shape, duplicates in the file). */
    static Checked parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> header = List.of(body.lines().findFirst().orElse("").split("[,;]", -1));
        if (header.size() != 3) {
            throw new InvalidInputException("file", "The header line must have exactly three columns: first name, last name, email"
                    + " (it has " + header.size() + "). Download the template.");
        }
        List<CsvImport.Line> lines = CsvImport.parse("file", text, HEADERS);
        CsvImport.Preview<Row> preview = CsvImport.validate(lines, line -> row(line.number(), line.get("first name"),
                line.get("last name"), line.get("email")));
        List<LineError> errors = new ArrayList<>(preview.errors());
        List<Row> rows = duplicates(preview.rows(), errors, Row::line);
        errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Checked(rows, errors);
    }

    /** Checks one row; throws with one message per problem. */
    static Row row(int line, String firstName, String lastName, String email) {
        Map<String, String> errors = new LinkedHashMap<>();
        String first = firstName == null ? "" : firstName.trim();
        String last = lastName == null ? "" : lastName.trim();
        if (first.isEmpty()) {
            errors.put("firstName", "First name is missing.");
        } else if (first.length() > 100) {
            errors.put("firstName", "First name is longer than 100 characters.");
        }
        if (last.isEmpty()) {
            errors.put("lastName", "Last name is missing.");
        } else if (last.length() > 100) {
            errors.put("lastName", "Last name is longer than 100 characters.");
        }
        for (String[] f : new String[][] {{"firstName", first}, {"lastName", last}, {"email", email == null ? "" : email}}) {
            if (f[1].chars().anyMatch(c -> Character.isISOControl(c))) {
                errors.put(f[0], "The " + (f[0].equals("email") ? "email" : f[0].equals("firstName") ? "first name" : "last name")
                        + " contains a control character.");
            }
        }
        String normalised = null;
        if (errors.containsKey("email")) {
            // already reported
        } else if (email == null || email.isBlank()) {
            errors.put("email", "Email is missing.");
        } else {
            try {
                normalised = Emails.normalise("email", email);
            } catch (InvalidInputException e) {
                errors.put("email", e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(String.join(" ", errors.values()), errors);
        }
        return new Row(line, first, last, normalised);
    }

    /** Keeps the first of each email; every later one is an error naming the line it repeats. */
    static List<Row> duplicates(List<Row> rows, List<LineError> errors, Function<Row, Integer> lineOf) {
        Map<String, Integer> seen = new HashMap<>();
        List<Row> kept = new ArrayList<>();
        for (Row r : rows) {
            Integer first = seen.putIfAbsent(r.email(), lineOf.apply(r));
            if (first != null) {
                errors.add(new LineError(lineOf.apply(r), r.email() + " appears twice in the file (first on line " + first + ")."));
            } else {
                kept.add(r);
            }
        }
        return kept;
    }

    /** Adds an error for every row whose email already belongs to a user of Atrium. */
    static Checked checkTaken(Checked checked, Set<String> taken) {
        if (taken.isEmpty()) {
            return checked;
        }
        List<LineError> errors = new ArrayList<>(checked.errors());
        for (Row r : checked.rows()) {
            if (taken.contains(r.email())) {
                errors.add(new LineError(r.line(), r.email() + " is already a user of Atrium."));
            }
        }
        errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Checked(checked.rows(), errors);
    }
}
