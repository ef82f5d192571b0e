package com.atrium.engagement;

/**
 * The dimensions of wellbeing the Your Life survey asks about: the one place they are named. Each is rated 0-10 ("how
 * satisfied are you today?"); its percentage is the rating times ten, and the Your Life Score is their mean.
 */
public enum Dimension {
    HEALTH("Health and wellbeing", "Your physical and mental health, energy and sleep."),
    RELATIONSHIPS("Relationships", "Family, partner, friends and community."),
    CAREER("Career and work", "Your work, business or vocation, and how it fits your life."),
    FINANCES("Finances", "Feeling secure and in control of your money, today and later."),
    LEISURE("Leisure and lifestyle", "Time for rest, play, travel and the things you enjoy."),
    PURPOSE("Purpose and contribution", "Meaning, giving back and the legacy you want to leave.");

    private final String label;
    private final String hint;

    Dimension(String label, String hint) {
        this.label = label;
        this.hint = hint;
    }

    public String label() {
        return label;
    }

    public String hint() {
        return hint;
    }

    public String key() {
        return name();
    }
}
