package com.atrium.practice;

import java.security.SecureRandom;

/** Random temporary passwords: 14 characters from an alphabet without look-alikes (about 80 bits). */
final class TemporaryPasswords {
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryPasswords() {
    }

    static String generate() {
        StringBuilder b = new StringBuilder(16);
        for (int i = 0; i < 14; i++) {
            if (i == 7) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
