package com.atrium.engagement;

/** The values a person chooses their top five from in a values session (the one list). */
public enum LifeValue {
    FAMILY("Family"), HEALTH("Health"), SECURITY("Security"), FREEDOM("Freedom"), INDEPENDENCE("Independence"),
    ADVENTURE("Adventure"), ACHIEVEMENT("Achievement"), GENEROSITY("Generosity"), COMMUNITY("Community"), FAITH("Faith"),
    LEARNING("Learning"), CREATIVITY("Creativity"), FRIENDSHIP("Friendship"), HONESTY("Honesty"), LEGACY("Legacy"),
    RECOGNITION("Recognition"), SIMPLICITY("Simplicity"), STABILITY("Stability"), TRAVEL("Travel"), WEALTH("Wealth"),
    WELLBEING("Wellbeing"), NATURE("Nature"), JUSTICE("Justice"), FUN("Fun and enjoyment");

    /** How many values each person picks and orders. */
    public static final int TOP = 5;

    private final String label;

    LifeValue(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String key() {
        return name();
    }
}
