package com.atrium.outsider;

/**
 * The outsiders' second login step: after the password, a one-time code sent to their mobile. The session
 * remembers the verified user under {@link #VERIFIED}; until then an outsider reaches nothing but the code page.
 */
public final class SecondFactor {
    /** Session attribute holding the id (Long) of the outsider who entered the right code in this session. */
    public static final String VERIFIED = "atrium.second-factor.verified";
    static final String CODE_HASH = "atrium.second-factor.hash";
    static final String CODE_EXPIRES = "atrium.second-factor.expires";
    static final String CODE_ATTEMPTS = "atrium.second-factor.attempts";
    static final int MAX_ATTEMPTS = 5;
    static final long VALID_MILLIS = 10 * 60 * 1000L;

    private SecondFactor() {
    }
}
