package com.atrium.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input a person must correct. Carries one message per field (and/or a general message); nothing
 * was changed when it is thrown.
 */
public class InvalidInputException extends RuntimeException {
    private final Map<String, String> fieldErrors;

    public InvalidInputException(String message) {
        this(message, Map.of());
    }

    public InvalidInputException(String field, String message) {
        this(message, Map.of(field, message));
    }

    public InvalidInputException(String message, Map<String, String> fieldErrors) {
        super(message);
        this.fieldErrors = new LinkedHashMap<>(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
