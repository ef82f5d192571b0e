package com.atrium.shared;

/**
 * The thing does not exist, or the actor may not know it exists. Both answer 404 alike so that ids
 * of other practices (or invisible clients) leak nothing.
 */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what + " not found");
    }
}
