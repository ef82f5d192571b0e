package com.atrium.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atrium.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The password policy, table-driven, and the bcrypt length guard. */
class PasswordPolicyTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "short-pw-1             | " + PasswordPolicy.TOO_SHORT,
            "elevenchars            | " + PasswordPolicy.TOO_SHORT,
            "password1234           | " + PasswordPolicy.TOO_COMMON,
            "PASSWORD1234           | " + PasswordPolicy.TOO_COMMON,
            "1qaz2wsx3edc           | " + PasswordPolicy.TOO_COMMON,
            "sunshine2024!!!        | " + PasswordPolicy.TOO_COMMON,
            "Football123456         | " + PasswordPolicy.TOO_COMMON,
            "abcabcabcabc           | " + PasswordPolicy.TOO_PREDICTABLE,
            "zzzzzzzzzzzzzzzz       | " + PasswordPolicy.TOO_PREDICTABLE,
            "123456789012           | " + PasswordPolicy.TOO_PREDICTABLE,
            "abcdefghijklmn         | " + PasswordPolicy.TOO_PREDICTABLE,
            "my-atrium-password     | " + PasswordPolicy.PRODUCT_NAME,
    })
    void refusedWithTheReason(String password, String reason) {
        assertThat(PasswordPolicy.problem(password)).contains(reason);
        assertThatThrownBy(() -> PasswordPolicy.require("newPassword", password)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsEntry("newPassword", reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "test-password-1", "a-long-password", "tall-ferns-by-the-river",
            "Ünïcödé-pässwörd"})
    void accepted(String password) {
        assertThat(PasswordPolicy.problem(password)).isEmpty();
    }

    @Test
    void theLimitIs72BytesNotCharacters() {
        String ascii72 = "a1b2c3d4e5f6-".repeat(6).substring(0, 72);
        assertThat(ascii72.getBytes(StandardCharsets.UTF_8)).hasSize(72);
        assertThat(PasswordPolicy.problem(ascii72)).isEmpty();
        assertThat(PasswordPolicy.problem(ascii72 + "x")).contains(PasswordPolicy.TOO_LONG);
        // 41 characters, 75 bytes: within any character limit, beyond what bcrypt reads
        String accented = "é".repeat(34) + "-xyz-12";
        assertThat(accented.codePointCount(0, accented.length())).isEqualTo(41);
        assertThat(PasswordPolicy.problem(accented)).contains(PasswordPolicy.TOO_LONG);
    }

    @Test
    void theBundledListHoldsTheTenThousandMostCommonPasswords() {
        assertThat(PasswordPolicy.commonCount()).isBetween(9_900, 10_000);
    }

    @Test
    void theEncoderNeverMatchesALongerPasswordByItsFirst72Bytes() {
        PasswordEncoder encoder = new PasswordHashing().passwordEncoder();
        String exactly72 = "k".repeat(40) + "-river-".repeat(4) + "1234";
        assertThat(exactly72.getBytes(StandardCharsets.UTF_8)).hasSize(72);
        String hash = encoder.encode(exactly72);
        assertThat(encoder.matches(exactly72, hash)).isTrue();
        assertThat(encoder.matches(exactly72 + "anything", hash)).as("bcrypt alone would say true").isFalse();
        assertThatThrownBy(() -> encoder.encode(exactly72 + "x")).isInstanceOf(InvalidInputException.class)
                .hasMessage(PasswordPolicy.TOO_LONG);
    }
}
