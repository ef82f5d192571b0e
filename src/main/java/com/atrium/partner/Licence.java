package com.atrium.partner;

/** The licence tiers of a business account, with the seed's rule of thumb for choosing one. */
public enum Licence {
    FULL_BUSINESS("Full Business", "Businesses with departments and department heads.", true),
    ESSENTIALS("Essentials", "Small businesses and start-ups.", true),
    GOALS("Goals", "Clients who want goal management only, to begin with.", false);

    private final String label;
    private final String ruleOfThumb;
    private final boolean diagnostic;

    Licence(String label, String ruleOfThumb, boolean diagnostic) {
        this.label = label;
        this.ruleOfThumb = ruleOfThumb;
        this.diagnostic = diagnostic;
    }

    public String label() {
        return label;
    }

    public String ruleOfThumb() {
        return ruleOfThumb;
    }

    /** Whether a new account with this licence runs the diagnostic (Goals accounts do not). */
    public boolean runsDiagnostic() {
        return diagnostic;
    }
}
