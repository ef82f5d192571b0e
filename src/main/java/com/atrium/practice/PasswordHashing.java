package com.atrium.practice;

import com.atrium.shared.InvalidInputException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords are hashed: bcrypt (with the {@code {id}} prefix, so the algorithm can change without a migration),
 * guarded against bcrypt's 72-byte limit. bcrypt reads only the first 72 bytes of a password: a longer one used to be
 * refused with an exception when chosen (a 500) and, at login, compared by its first 72 bytes only (any suffix logged in).
 * Atrium refuses such passwords when they are chosen ({@link PasswordPolicy}), so no stored password is longer; at login a
 * longer one is simply not the password.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new LengthGuard(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /** Refuses to hash, and never matches, a password longer than bcrypt reads. */
    static final class LengthGuard implements PasswordEncoder {
        private final PasswordEncoder delegate;

        LengthGuard(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence raw) {
            if (raw != null && PasswordPolicy.tooLong(raw.toString())) {
                throw new InvalidInputException("password", PasswordPolicy.TOO_LONG);
            }
            return delegate.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            if (raw != null && PasswordPolicy.tooLong(raw.toString())) {
                // still pay for one comparison, so a long guess takes as long as any other wrong password
                delegate.matches("a wrong password", encoded);
                return false;
            }
            return delegate.matches(raw, encoded);
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return delegate.upgradeEncoding(encoded);
        }
    }
}
