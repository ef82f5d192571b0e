package com.atrium.practice;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Password logins (the login form and HTTP Basic on the API), hardened against guessing:
 * <ul>
 * <li>an address with too many recent failures is refused before any password is checked ({@link LoginThrottle});</li>
 * <li>the password is checked <em>before</em> the account's state, so a locked account answers exactly like a wrong
 *     password (same exception, same message, same bcrypt cost) — even when the password is right, which would
 *     otherwise tell a guesser they had found it;</li>
 * <li>"disabled" is said only to someone who gave the right password.</li>
 * </ul>
 */
@Component
class LoginAuthenticationProvider implements AuthenticationProvider {
    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    LoginAuthenticationProvider(LoginService users, PasswordEncoder encoder, LoginThrottle throttle) {
        this.throttle = throttle;
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        this.passwords.setPreAuthenticationChecks(user -> {
            // nothing before the password: the account's state must not change the answer to a wrong password
        });
        this.passwords.setPostAuthenticationChecks(user -> {
            if (!user.isAccountNonLocked()) {
                throw new BadCredentialsException("Bad credentials");
            }
            if (!user.isEnabled()) {
                throw new DisabledException("User is disabled");
            }
            if (!user.isCredentialsNonExpired()) {
                // a business user's temporary password: expired (7 days) or already used once
                throw new org.springframework.security.authentication.CredentialsExpiredException("Temporary password expired or used");
            }
        });
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!throttle.allowed(address(authentication))) {
            throw new LoginThrottledException();
        }
        return passwords.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }

    /** Too many failed logins from this client address: refused like a wrong password, and not counted against the account. */
    static final class LoginThrottledException extends AuthenticationException {
        private static final long serialVersionUID = 1L;

        LoginThrottledException() {
            super("Bad credentials");
        }
    }
}
