package com.atrium.shared;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts written one way everywhere (issue 12, item 7f): in the practice's currency and locale, with the currency's
 * symbol and its usual decimals, e.g. {@code $350,000.00} for AUD in en-AU, {@code €350,000.00} for EUR in en-IE. Every
 * screen and the portal format through this (the web module puts the practice's one in each page's model as {@code money}).
 */
public record Money(String currency, Locale locale) {

    public static Money of(String currency, String localeTag) {
        return new Money(currency == null ? "EUR" : currency.trim().toUpperCase(Locale.ROOT),
                localeTag == null || localeTag.isBlank() ? Locale.UK : Locale.forLanguageTag(localeTag));
    }

    /** {@code amount} with the currency symbol, e.g. $1,250.50; an empty string for none. */
    public String format(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        Currency c = Currency.getInstance(currency);
        f.setCurrency(c);
        f.setMinimumFractionDigits(c.getDefaultFractionDigits());
        f.setMaximumFractionDigits(c.getDefaultFractionDigits());
        return f.format(amount);
    }

    /** A liability or anything owed: the amount with a minus sign. */
    public String negative(BigDecimal amount) {
        return amount == null ? "" : format(amount.negate());
    }

    /** The currency's code, for labels ("Value (AUD)"). */
    public String code() {
        return currency;
    }
}
