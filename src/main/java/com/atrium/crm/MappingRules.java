package com.atrium.crm;

import com.atrium.shared.Emails;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.PhoneNumbers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The rules that turn a CRM record into Atrium's values (seed 001's table, spec D2). Each is a small function that
 * copies a value or says, in words, why it did not; a record that cannot be read at all is rejected with the reason
 * (skipped: not a client Atrium takes; failed: broken values). Nothing here touches the database.
 */
final class MappingRules {
    static final List<String> TITLES = List.of("Mr", "Mrs", "Ms", "Miss", "Dr", "Prof");
    private static final Map<String, String> COUNTRIES = Map.of("australia", "AU", "new zealand", "NZ", "united kingdom", "GB",
            "great britain", "GB", "south africa", "ZA", "united states", "US", "singapore", "SG");
    private static final Set<String> PERSON_TYPES = Set.of("individual", "client", "person");

    private MappingRules() {
    }

    /** A record Atrium does not take (skipped) or cannot read (failed), with the reason in words. */
    static final class Rejected extends RuntimeException {
        final boolean failed;

        Rejected(boolean failed, String reason) {
            super(reason);
            this.failed = failed;
        }
    }

    /** A copied value, or null with the reason it was not copied. */
    record Value<T>(T value, String notCopied) {
        static <T> Value<T> of(T v) {
            return new Value<>(v, null);
        }

        static <T> Value<T> not(String reason) {
            return new Value<>(null, reason);
        }
    }

    record Person(String firstName, String middleName, String lastName, LocalDate dateOfBirth, String email, String mobile) {
    }

    record Policy(String externalId, String insuranceType, String insurer, String planName, BigDecimal cover, BigDecimal premium,
                  String frequency, String policyNumber, String status, LocalDate renewalDate) {
    }

    /** Everything a record maps to, with the reasons for each value not copied. */
    record Mapped(Person person, SyncedProfile profile, String adviserId, List<Policy> policies, List<String> notCopied) {
    }

    static Mapped map(CrmConnector.Record r, Map<String, CrmConnector.Adviser> advisers, LocalDate today) {
        if (r.failure() != null) {
            throw new Rejected(true, r.failure() + ": nothing of this client was written");
        }
        JsonNode f = r.fields();
        String type = text(f.path("entity_type"));
        if (type != null && !PERSON_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            throw new Rejected(false, "a " + type + ", not a person: Atrium syncs people only");
        }
        String first = clean(text(f.path("first_name")));
        String last = clean(text(f.path("last_name")));
        if (first == null || last == null) {
            throw new Rejected(false, "no " + (first == null ? "first" : "last") + " name in Xplan");
        }
        if (first.length() > 100 || last.length() > 100) {
            throw new Rejected(true, "a name longer than 100 characters");
        }
        List<String> notes = new ArrayList<>();
        String middle = clean(text(f.path("middle_name")));
        if (middle != null && middle.length() > 100) {
            notes.add("middle name longer than 100 characters: middle name not copied");
            middle = null;
        }
        LocalDate dob = keep(dateOfBirth(f.path("dob"), today), notes);
        String email = keep(preferredEmail(r.contacts()), notes);
        String mobile = keep(preferredMobile(r.contacts()), notes);
        String title = keep(title(text(f.path("title"))), notes);
        String sex = sex(text(f.path("sex")));
        JsonNode address = preferred(r.addresses());
        String[] lines = street(address == null ? null : text(address.path("street")));
        String country = address == null ? null : keep(country(text(address.path("country"))), notes);
        String adviserId = text(f.path("client_adviser"));
        CrmConnector.Adviser adviser = adviserId == null ? null : advisers.get(adviserId);
        if (adviserId != null && adviser == null) {
            notes.add("adviser " + adviserId + " is not among Xplan's users visible to Atrium: adviser not copied");
        }
        SyncedProfile profile = new SyncedProfile(title, sex, lines[0], lines[1],
                address == null ? null : clip(clean(text(address.path("suburb"))), 100),
                address == null ? null : clip(clean(text(address.path("postcode"))), 20),
                address == null ? null : clip(clean(text(address.path("state"))), 50), country,
                adviser == null ? null : clip(join(adviser.firstName(), adviser.lastName()), 200),
                adviser == null || adviser.email() == null ? null : adviser.email().trim().toLowerCase(Locale.ROOT));
        List<Policy> policies = new ArrayList<>();
        if (r.policies() != null) {
            for (JsonNode p : r.policies()) {
                policies.add(policy(p));
            }
        }
        return new Mapped(new Person(first, middle, last, dob, email, mobile), profile, adviser == null ? null : adviser.id(), policies, notes);
    }

    private static <T> T keep(Value<T> v, List<String> notes) {
        if (v.notCopied() != null) {
            notes.add(v.notCopied());
        }
        return v.value();
    }

    /** Only Mr, Mrs, Ms, Miss, Dr and Prof are copied (with or without a full stop, any case). */
    static Value<String> title(String raw) {
        String t = clean(raw);
        if (t == null) {
            return Value.of(null);
        }
        String bare = t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
        for (String ok : TITLES) {
            if (ok.equalsIgnoreCase(bare)) {
                return Value.of(ok);
            }
        }
        if ("professor".equalsIgnoreCase(bare)) {
            return Value.of("Prof");
        }
        if ("doctor".equalsIgnoreCase(bare)) {
            return Value.of("Dr");
        }
        return Value.not("title \"" + t + "\" is not one of " + String.join(", ", TITLES) + ": title not copied");
    }

    static String sex(String raw) {
        String s = clean(raw);
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "m", "male", "man" -> "Male";
            case "f", "female", "woman" -> "Female";
            default -> clip(s, 20);
        };
    }

    /** A typed Date ({@code {"_type":"Date","_val":"1970-05-04"}}), a date-time or a plain string; never in the future. */
    static Value<LocalDate> dateOfBirth(JsonNode n, LocalDate today) {
        String raw = typedValue(n);
        if (raw == null) {
            return Value.of(null);
        }
        LocalDate d = date(raw);
        if (d == null) {
            throw new Rejected(true, "date of birth \"" + raw + "\" is not a date");
        }
        if (d.isAfter(today)) {
            return Value.not("date of birth " + d + " is in the future: date of birth not copied");
        }
        return Value.of(d);
    }

    /** The contact of an email type marked preferred (Atrium keeps one email). */
    static Value<String> preferredEmail(JsonNode contacts) {
        JsonNode c = preferredOf(contacts, "email");
        if (c == null) {
            return Value.not("no preferred email in Xplan: email not copied");
        }
        String raw = clean(text(c.path("value")));
        try {
            return Value.of(Emails.normalise("email", raw));
        } catch (InvalidInputException e) {
            return Value.not("preferred email \"" + raw + "\" is not an email address: email not copied");
        }
    }

    /**
     * The preferred phone, when it is a mobile and carries its country code (Atrium keeps one mobile, used for
     * one-time codes); a landline or a number without country code is not copied, with the reason.
     */
    static Value<String> preferredMobile(JsonNode contacts) {
        JsonNode c = preferredOf(contacts, "phone", "mobile", "fax");
        if (c == null) {
            return Value.not("no preferred phone in Xplan: mobile not copied");
        }
        String type = text(c.path("type"));
        String raw = clean(text(c.path("value")));
        if (raw == null) {
            return Value.not("the preferred phone is empty: mobile not copied");
        }
        boolean mobileType = type != null && type.toLowerCase(Locale.ROOT).contains("mobile");
        if (!mobileType) {
            return Value.not("the preferred phone " + raw + " is a " + (type == null ? "phone" : type.toLowerCase(Locale.ROOT))
                    + ", not a mobile: mobile not copied");
        }
        if (!raw.startsWith("+") && !raw.startsWith("00")) {
            return Value.not("mobile " + raw + " has no country code: mobile not copied");
        }
        String e164;
        try {
            e164 = PhoneNumbers.normalise("mobile", raw);
        } catch (InvalidInputException e) {
            return Value.not("mobile " + raw + " is not a valid phone number: mobile not copied");
        }
        if (!PhoneNumbers.isMobile(e164)) {
            return Value.not("the number " + raw + " is a landline, not a mobile: mobile not copied");
        }
        return Value.of(e164);
    }

    /** A two-letter ISO code as is, or a country name we know; anything else is not copied. */
    static Value<String> country(String raw) {
        String c = clean(raw);
        if (c == null) {
            return Value.of(null);
        }
        if (c.matches("[A-Za-z]{2}")) {
            return Value.of(c.toUpperCase(Locale.ROOT));
        }
        String code = COUNTRIES.get(c.toLowerCase(Locale.ROOT));
        return code != null ? Value.of(code) : Value.not("country \"" + c + "\" is not a country code we know: country not copied");
    }

    /** Street lines: the first line and the rest (joined with commas). */
    static String[] street(String raw) {
        if (raw == null || raw.isBlank()) {
            return new String[] {null, null};
        }
        String[] parts = raw.strip().split("\\s*(\\r?\\n)\\s*", 2);
        return new String[] {clip(clean(parts[0]), 200), parts.length > 1 ? clip(clean(parts[1].replaceAll("\\s*\\r?\\n\\s*", ", ")), 200) : null};
    }

    /** One policy: type, insurer, plan, cover (sum insured over its covers), premium, frequency, number, status, renewal date. */
    static Policy policy(JsonNode p) {
        String id = text(p.path("id"));
        BigDecimal cover = null;
        LocalDate renewal = date(typedValue(p.path("renewal_date")));
        for (JsonNode c : p.path("covers")) {
            BigDecimal sum = decimal(c.path("sum_insured"), "sum insured of policy " + id);
            if (sum != null) {
                cover = cover == null ? sum : cover.add(sum);
            }
            LocalDate r = date(typedValue(c.path("renewal_date")));
            if (r != null && (renewal == null || r.isBefore(renewal))) {
                renewal = r;
            }
        }
        if (cover == null) {
            cover = decimal(p.path("sum_insured"), "sum insured of policy " + id);
        }
        JsonNode premium = p.path("installment_premium");
        if (premium.has("value")) {
            premium = premium.path("value");
        }
        return new Policy(id == null ? "?" : id, clip(clean(text(p.path("insurance_type"))), 100),
                clip(clean(text(p.path("underwriter_description"))), 200), clip(clean(text(p.path("plan_name"))), 200), cover,
                decimal(premium, "premium of policy " + id), clip(clean(text(p.path("premium_frequency"))), 50),
                clip(clean(text(p.path("policy_number"))), 100), clip(clean(text(p.path("status"))), 50), renewal);
    }

    /**
     * The end year of a policy: the number of whole years from today until its renewal date, counted up (a policy
     * renewing in 8 months ends in year 1); 0 once the date has passed; null without a renewal date.
     */
    static Integer endYear(LocalDate renewal, LocalDate today) {
        if (renewal == null) {
            return null;
        }
        if (!renewal.isAfter(today)) {
            return 0;
        }
        int years = renewal.getYear() - today.getYear();
        return today.plusYears(years).isBefore(renewal) ? years + 1 : years;
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode preferredOf(JsonNode list, String... typeWords) {
        if (list == null || !list.isArray()) {
            return null;
        }
        for (JsonNode c : list) {
            String type = text(c.path("type"));
            if (type != null && c.path("preferred").asBoolean(false)) {
                String t = type.toLowerCase(Locale.ROOT);
                for (String w : typeWords) {
                    if (t.contains(w)) {
                        return c;
                    }
                }
            }
        }
        return null;
    }

    private static JsonNode preferred(JsonNode list) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            return null;
        }
        for (JsonNode a : list) {
            if (a.path("preferred").asBoolean(false)) {
                return a;
            }
        }
        return list.get(0);
    }

    private static BigDecimal decimal(JsonNode n, String what) {
        String raw = typedValue(n);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(raw.trim()).setScale(2, java.math.RoundingMode.HALF_UP);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Rejected(true, what + " \"" + raw + "\" is not a number");
        }
    }

    static String typedValue(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            return n.has("_val") ? text(n.path("_val")) : null;
        }
        return text(n);
    }

    private static LocalDate date(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.length() > 10 && raw.charAt(10) == 'T' ? raw.substring(0, 10) : raw.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * What the content hash holds of the record's adviser (name and email as {@link #map} copies them), without mapping
     * the record: an unchanged record is recognised before any mapping work.
     */
    static String adviserKey(CrmConnector.Record r, Map<String, CrmConnector.Adviser> advisers) {
        String adviserId = r.fields() == null ? null : text(r.fields().path("client_adviser"));
        CrmConnector.Adviser adviser = adviserId == null ? null : advisers.get(adviserId);
        return (adviser == null ? null : clip(join(adviser.firstName(), adviser.lastName()), 200)) + "|"
                + (adviser == null || adviser.email() == null ? null : adviser.email().trim().toLowerCase(Locale.ROOT));
    }

    static String text(JsonNode n) {
        return XplanConnector.text(n);
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip().replaceAll("\\s+", " ");
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String join(String a, String b) {
        String s = ((a == null ? "" : a.trim()) + " " + (b == null ? "" : b.trim())).trim();
        return s.isEmpty() ? null : s;
    }
}
