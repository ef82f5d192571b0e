package com.atrium.practice;

/**
 * A practice: the tenant everything belongs to.
 *
 * @param currency the ISO 4217 code every amount of the practice is in (e.g. AUD)
 * @param locale   the BCP 47 tag amounts and numbers are written in (e.g. en-AU)
 */
public record Practice(long id, String name, String currency, String locale) {
    public static final String DEFAULT_CURRENCY = "EUR";
    public static final String DEFAULT_LOCALE = "en-GB";
    /** What a practice works in unless told otherwise (and what pages without a practice use). */
    public static final Practice DEFAULTS = new Practice(0, "", DEFAULT_CURRENCY, DEFAULT_LOCALE);

    public Practice(long id, String name) {
        this(id, name, DEFAULT_CURRENCY, DEFAULT_LOCALE);
    }

    /** How this practice writes amounts. */
    public com.atrium.shared.Money money() {
        return com.atrium.shared.Money.of(currency, locale);
    }
}
