package com.atrium.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;

/**
 * Encrypts the CRM's OAuth client secret and tokens at rest: AES-256-GCM with a key derived (PBKDF2) from
 * {@code atrium.crm.encryption-key} and {@code atrium.crm.encryption-salt} (hex). Outside {@code prod}, when no key
 * is configured, one is generated once into {@code ./data/crm-encryption.key}; under {@code prod} a missing key stops
 * the start. Secrets are never logged and never shown back.
 */
@Component
class CrmSecrets {
    private static final Logger log = LoggerFactory.getLogger(CrmSecrets.class);
    private final TextEncryptor encryptor;

    CrmSecrets(@Value("${atrium.crm.encryption-key:}") String key, @Value("${atrium.crm.encryption-salt:}") String salt,
               @Value("${atrium.crm.key-file:./data/crm-encryption.key}") String keyFile, Environment env) {
        if (key.isBlank()) {
            if (env.matchesProfiles("prod")) {
                throw new IllegalStateException("atrium.crm.encryption-key (ATRIUM_CRM_ENCRYPTION_KEY) and atrium.crm.encryption-salt"
                        + " (ATRIUM_CRM_ENCRYPTION_SALT, hex) must be set in production: they protect the CRM secrets and tokens.");
            }
            String[] generated = generatedKey(Path.of(keyFile));
            key = generated[0];
            salt = generated[1];
        }
        if (salt.isBlank() || !salt.matches("([0-9a-fA-F]{2}){8,}")) {
            throw new IllegalStateException("atrium.crm.encryption-salt must be at least 8 bytes, written in hex.");
        }
        this.encryptor = Encryptors.delux(key, salt);
    }

    String encrypt(String plain) {
        return plain == null ? null : encryptor.encrypt(plain);
    }

    String decrypt(String cipher) {
        return cipher == null ? null : encryptor.decrypt(cipher);
    }

    private static String[] generatedKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                String k = new String(KeyGenerators.string().generateKey()) + KeyGenerators.string().generateKey();
                String s = KeyGenerators.string().generateKey() + KeyGenerators.string().generateKey();
                Files.write(file, List.of(k, s), StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                log.info("Generated a CRM encryption key for this demo installation in {}", file);
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return new String[] {lines.get(0).trim(), lines.get(1).trim()};
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the CRM encryption key " + file, e);
        }
    }
}
