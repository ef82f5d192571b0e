package com.atrium.outsider;

/**
 * The outsiders' second login step: after the password, a one-time code sent to their mobile. Once the right
 * code is entered, the authentication in the session gains the authority {@link #AUTHORITY}; until then an
 * outsider reaches nothing but the code page.
 */
public final class SecondFactor {
    /** The authority an outsider's authentication carries once they entered the code sent to their mobile. */
    public static final String AUTHORITY = "FACTOR_MOBILE_CODE";
    static final String CODE_HASH = "atrium.second-factor.hash";
    static final String CODE_EXPIRES = "atrium.second-factor.expires";
    static final long VALID_MILLIS = 10 * 60 * 1000L;

    private SecondFactor() {
    }
}
