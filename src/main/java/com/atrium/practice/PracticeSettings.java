package com.atrium.practice;

import com.atrium.access.AccessService;
import com.atrium.access.PracticePermission;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practice's settings (practice managers only): its name, the currency every amount is in and the locale amounts
 * and numbers are written in. The locale may change at any time (it only changes how amounts are written); the currency
 * only while no amount is recorded, since Atrium does not convert amounts. Every change is in the audit trail.
 */
@Service
public class PracticeSettings {
    /** The currencies the settings form offers (the API takes any ISO 4217 code). */
    static final List<String> OFFERED_CURRENCIES = List.of("AUD", "CAD", "CHF", "EUR", "GBP", "HKD", "NZD", "SGD", "USD", "ZAR");
    /** The locales the settings form offers (the API takes any BCP 47 tag with a language). */
    static final List<String> OFFERED_LOCALES = List.of("en-AU", "en-CA", "en-GB", "en-IE", "en-NZ", "en-SG", "en-US", "en-ZA",
            "de-CH", "de-DE", "fr-BE", "fr-CA", "fr-CH", "fr-FR", "it-IT", "nl-NL", "es-ES");
    private static final java.util.Set<Locale> KNOWN_LOCALES = java.util.Set.of(Locale.getAvailableLocales());
    private static final BigDecimal EXAMPLE = new BigDecimal("1234567.89");

    private final UserRepository users;
    private final AccessService access;
    private final List<RecordedAmounts> amounts;
    private final ApplicationEventPublisher events;

    PracticeSettings(UserRepository users, AccessService access, List<RecordedAmounts> amounts, ApplicationEventPublisher events) {
        this.users = users;
        this.access = access;
        this.amounts = amounts;
        this.events = events;
    }

    /** The settings as a practice manager sees them. */
    public record View(String name, String currency, String locale, String example, long amountsRecorded, boolean currencyLocked) {
    }

    /** A change, merge-style: a null field stays as it is. */
    public record Patch(String name, String currency, String locale) {
    }

    @Transactional(readOnly = true)
    public View view(Actor actor) {
        access.require(actor, PracticePermission.MANAGE_PRACTICE_SETTINGS);
        return view(users.practice(actor.practiceId()).orElseThrow());
    }

    /**
     * Applies {@code patch}: every reason to refuse it at once, each on its field, and nothing changed then.
     *
     * @throws InvalidInputException with field errors (name, currency, locale)
     */
    @Transactional
    public View update(Actor actor, Patch patch) {
        access.require(actor, PracticePermission.MANAGE_PRACTICE_SETTINGS);
        Practice before = users.practiceForUpdate(actor.practiceId()).orElseThrow();
        Map<String, String> errors = new LinkedHashMap<>();
        String name = patch.name() == null ? before.name() : patch.name().trim();
        if (name.isEmpty()) {
            errors.put("name", "Enter the practice's name.");
        } else if (name.length() > 200) {
            errors.put("name", "A practice's name has at most 200 characters (this one has " + name.length() + ").");
        } else if (!name.equals(before.name()) && users.practiceByName(name).filter(p -> p.id() != before.id()).isPresent()) {
            errors.put("name", "Another practice is already called \"" + name + "\": choose another name.");
        }
        String currency = patch.currency() == null ? before.currency() : patch.currency().trim().toUpperCase(Locale.ROOT);
        if (!isCurrency(currency)) {
            errors.put("currency", "\"" + patch.currency() + "\" is not a currency code (ISO 4217, e.g. AUD).");
        } else if (!currency.equals(before.currency())) {
            Map<String, Long> recorded = recordedByKind(before.id());
            long total = recorded.values().stream().mapToLong(Long::longValue).sum();
            if (total > 0) {
                errors.put("currency", "The currency cannot change: " + total + " amount" + (total == 1 ? " is" : "s are")
                        + " recorded in " + before.currency() + " (" + String.join(", ", recorded.keySet())
                        + ") and Atrium does not convert amounts.");
            }
        }
        String locale = before.locale();
        if (patch.locale() != null) {
            Locale l = Locale.forLanguageTag(patch.locale().trim());
            if (patch.locale().isBlank() || l.getLanguage().isEmpty() || !l.toLanguageTag().equalsIgnoreCase(patch.locale().trim())
                    || !KNOWN_LOCALES.contains(l)) {
                errors.put("locale", "\"" + patch.locale() + "\" is not a locale (a language and a country, e.g. en-AU).");
            } else {
                locale = l.toLanguageTag();
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() == 1 ? errors.values().iterator().next()
                    : "The settings were not saved: correct the highlighted fields.", errors);
        }
        Practice after = new Practice(before.id(), name, currency, locale);
        if (!after.equals(before)) {
            users.updatePractice(after);
            events.publishEvent(new PracticeSettingsChanged(before.id(), actor.userId(), words(before), words(after)));
        }
        return view(after);
    }

    private View view(Practice p) {
        long recorded = recorded(p.id());
        return new View(p.name(), p.currency(), p.locale(), Money.of(p.currency(), p.locale()).format(EXAMPLE), recorded, recorded > 0);
    }

    private long recorded(long practiceId) {
        return amounts.stream().mapToLong(a -> a.amountsRecorded(practiceId)).sum();
    }

    /** What holds amounts, in words, and how many: only the kinds that have some. */
    private Map<String, Long> recordedByKind(long practiceId) {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        for (RecordedAmounts a : amounts) {
            long n = a.amountsRecorded(practiceId);
            if (n > 0) {
                kinds.merge(a.what(), n, Long::sum);
            }
        }
        return kinds;
    }

    private static boolean isCurrency(String code) {
        try {
            return code.length() == 3 && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String words(Practice p) {
        return "name \"" + p.name() + "\", currency " + p.currency() + ", locale " + p.locale();
    }
}
