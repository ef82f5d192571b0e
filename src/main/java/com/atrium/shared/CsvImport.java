package com.atrium.shared;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one way to import a file: <b>parse</b> (Commons CSV; comma or semicolon as Excel writes it, a UTF-8 byte
 * order mark, headers matched without case, spaces or underscores) → <b>validate every line</b> (all errors,
 * each with its line number) → <b>preview</b> → the caller <b>applies</b> the valid rows in one transaction,
 * and only when there is no error at all. ID mappings (crm) use it; bulk user imports should too.
 */
public final class CsvImport {
    /** Imports stop at this many data lines (a clear message rather than a long request). */
    public static final int MAX_LINES = 20_000;

    private CsvImport() {
    }

    /** One data line: its number in the file (the header is line 1) and its values by canonical header. */
    public record Line(int number, Map<String, String> values) {
        /** The trimmed value, or null when blank or missing. */
        public String get(String header) {
            String v = values.get(header);
            return v == null || v.isBlank() ? null : v.trim();
        }
    }

    /** An error on one line of the file (line 1 is the header). */
    public record LineError(int line, String message) {
        @Override
        public String toString() {
            return "Line " + line + ": " + message;
        }
    }

    /** The result of checking every line: the valid rows and every error. Apply only when {@link #ok()}. */
    public record Preview<T>(List<T> rows, List<LineError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Parses {@code text}. {@code headers} maps each canonical header to the spellings accepted for it
     * (compared lower-case without spaces, underscores or hyphens). A missing required header or an unreadable
     * file is an {@link InvalidInputException} on {@code field}.
     */
    public static List<Line> parse(String field, String text, Map<String, List<String>> headers) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "The file is empty: it needs a header line and at least one line of data.");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String firstLine = body.lines().findFirst().orElse("");
        char delimiter = firstLine.chars().filter(c -> c == ';').count() > firstLine.chars().filter(c -> c == ',').count() ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
            Map<String, String> canonical = new LinkedHashMap<>();
            for (String h : parser.getHeaderNames()) {
                String key = squash(h);
                headers.forEach((name, spellings) -> {
                    if (squash(name).equals(key) || spellings.stream().anyMatch(s -> squash(s).equals(key))) {
                        canonical.put(h, name);
                    }
                });
            }
            List<String> missing = headers.keySet().stream().filter(h -> !canonical.containsValue(h)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidInputException(field, "The header line must name the columns " + String.join(", ", headers.keySet())
                        + "; missing: " + String.join(", ", missing) + ".");
            }
            List<Line> lines = new ArrayList<>();
            for (CSVRecord r : parser) {
                if (lines.size() >= MAX_LINES) {
                    throw new InvalidInputException(field, "The file has more than " + MAX_LINES + " lines: split it.");
                }
                Map<String, String> values = new LinkedHashMap<>();
                // control characters never get in, whatever the file holds (the same rule as every request: PlainText)
                canonical.forEach((raw, name) -> values.put(name, r.isMapped(raw) && r.isSet(raw) ? PlainText.clean(r.get(raw)) : null));
                lines.add(new Line((int) r.getRecordNumber() + 1, values));
            }
            if (lines.isEmpty()) {
                throw new InvalidInputException(field, "The file has a header line but no data.");
            }
            return lines;
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // e.g. a quote opened and never closed (found by ApiFuzzTests: it was a 500)
            throw new InvalidInputException(field, "The file is not a CSV file we can read: " + PlainText.clean(e.getMessage()));
        }
    }

    /**
     * Validates every line with {@code check}, which returns the row or throws {@link InvalidInputException}
     * (its message, or its field messages, become the line's errors).
     */
    public static <T> Preview<T> validate(List<Line> lines, Function<Line, T> check) {
        List<T> rows = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        for (Line line : lines) {
            try {
                rows.add(check.apply(line));
            } catch (InvalidInputException e) {
                if (e.fieldErrors().isEmpty()) {
                    errors.add(new LineError(line.number(), e.getMessage()));
                } else {
                    e.fieldErrors().values().forEach(m -> errors.add(new LineError(line.number(), m)));
                }
            }
        }
        return new Preview<>(rows, errors);
    }

    private static String squash(String s) {
        return s == null ? "" : s.replaceAll("[\\s_\\-]", "").toLowerCase(Locale.ROOT);
    }
}
