package com.atrium.web;

/** A configuration Atrium refuses to start with; {@link UnsafeConfigurationFailureAnalyzer} prints it as description + action. */
class UnsafeConfigurationException extends IllegalStateException {
    private final String action;

    UnsafeConfigurationException(String description, String action) {
        super(description);
        this.action = action;
    }

    String action() {
        return action;
    }
}
