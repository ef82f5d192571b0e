package com.atrium.shared;

/** The caller reached a limit (e.g. access grants per day); answers 429 with the reason. */
public class TooManyRequestsException extends RuntimeException {
    public TooManyRequestsException(String message) {
        super(message);
    }
}
