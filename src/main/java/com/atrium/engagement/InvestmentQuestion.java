package com.atrium.engagement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The investment preferences questionnaire: ten questions, each with fixed answers (key -> words), in order. */
public enum InvestmentQuestion {
    GOAL("What is the main purpose of your investments?", answers(
            "PRESERVE", "Preserve what I have",
            "INCOME", "Provide a regular income",
            "BALANCED", "A balance of income and growth",
            "GROWTH", "Grow my wealth over time")),
    TIME_HORIZON("When will you need most of this money?", answers(
            "UNDER_3", "Within 3 years",
            "3_TO_7", "In 3 to 7 years",
            "7_TO_15", "In 7 to 15 years",
            "OVER_15", "In more than 15 years")),
    RISK_TOLERANCE("How much risk are you comfortable taking for a higher expected return?", answers(
            "VERY_LOW", "Very little: I want to avoid losses",
            "LOW", "Some, if losses are small",
            "MEDIUM", "A moderate amount",
            "HIGH", "A lot: I accept large swings")),
    MARKET_FALL("If your investments fell by 20 % in a year, what would you do?", answers(
            "SELL_ALL", "Sell everything",
            "SELL_SOME", "Sell some of them",
            "HOLD", "Hold and wait",
            "BUY_MORE", "Invest more")),
    LIQUIDITY("How much of this money might you need at short notice?", answers(
            "MOST", "Most of it",
            "SOME", "Some of it",
            "LITTLE", "Very little",
            "NONE", "None")),
    INCOME_NEED("Do you need these investments to pay you an income?", answers(
            "YES_NOW", "Yes, now",
            "YES_LATER", "Yes, later",
            "NO", "No")),
    EXPERIENCE("How experienced are you with investing?", answers(
            "NONE", "No experience",
            "SOME", "Some (savings, managed funds)",
            "GOOD", "Good (shares, property)",
            "EXTENSIVE", "Extensive")),
    ETHICAL("Should your investments follow ethical or sustainable criteria?", answers(
            "NO_PREFERENCE", "No preference",
            "AVOID_HARM", "Avoid harmful industries",
            "POSITIVE_IMPACT", "Favour positive impact",
            "STRICT", "Only ethical investments")),
    EXCLUSIONS("Which sectors would you exclude, if any?", answers(
            "NONE", "None",
            "FOSSIL_FUELS", "Fossil fuels",
            "TOBACCO_GAMBLING", "Tobacco and gambling",
            "WEAPONS", "Weapons",
            "ALL_OF_THESE", "All of these")),
    INVOLVEMENT("How involved do you want to be in investment decisions?", answers(
            "DELEGATE", "Leave them to my adviser",
            "INFORMED", "Be kept informed",
            "INVOLVED", "Decide with my adviser"));

    private final String question;
    private final Map<String, String> answers;

    InvestmentQuestion(String question, Map<String, String> answers) {
        this.question = question;
        this.answers = answers;
    }

    /** Answers as key, words, key, words ... in the order they are offered. */
    private static Map<String, String> answers(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    public String question() {
        return question;
    }

    public Map<String, String> answers() {
        return answers;
    }

    public String key() {
        return name();
    }

    public Optional<String> answerLabel(String answerKey) {
        return Optional.ofNullable(answerKey == null ? null : answers.get(answerKey));
    }
}
