package com.atrium.shared;

/** The request is valid but clashes with the current state (e.g. a duplicate email); answers 409. */
public class ConflictException extends RuntimeException {
    private final java.util.Map<String, Object> properties;

    public ConflictException(String message) {
        this(message, java.util.Map.of());
    }

    /** With extra members for the problem detail (e.g. the clients to hand over first). */
    public ConflictException(String message, java.util.Map<String, Object> properties) {
        super(message);
        this.properties = java.util.Map.copyOf(properties);
    }

    public java.util.Map<String, Object> properties() {
        return properties;
    }
}
