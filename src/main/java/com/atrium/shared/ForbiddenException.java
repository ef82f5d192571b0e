package com.atrium.shared;

/** The actor may see the thing but may not do this to it; the message says why, in words. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String reason) {
        super(reason);
    }
}
