package com.atrium.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The keys that sign the audit chain (HMAC-SHA256). They live outside the database, so someone who can write the
 * audit tables cannot recompute a valid chain.
 * <ul>
 *   <li>{@code atrium.audit.key} ({@code ATRIUM_AUDIT_KEY}): {@code <key id>:<secret>}, the key new entries are
 *       signed with. The secret is at least 32 random bytes in Base64 ({@code openssl rand -base64 32}).</li>
 *   <li>{@code atrium.audit.retired-keys} ({@code ATRIUM_AUDIT_RETIRED_KEYS}): earlier keys, comma-separated, in the
 *       same form; used only to verify the entries they signed (each entry stores its key id).</li>
 * </ul>
 * Under {@code prod} a missing key stops the start. Elsewhere (the demo on H2, a developer's PostgreSQL), when no key
 * is configured, one is generated once into {@code atrium.audit.key-file} ({@code ./data/audit.key}). The secrets are
 * never logged. Rotation is described in docs/operations.md.
 */
@Component
class AuditKeys {
    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);
    static final int MIN_SECRET_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    @Autowired
    AuditKeys(@Value("${atrium.audit.key:}") String key, @Value("${atrium.audit.retired-keys:}") String retired,
              @Value("${atrium.audit.key-file:./data/audit.key}") String keyFile, Environment env) {
        if (key.isBlank()) {
            if (env.matchesProfiles("prod")) {
                throw new IllegalStateException("atrium.audit.key (ATRIUM_AUDIT_KEY) must be set in production: it signs the"
                        + " audit trail, as <key id>:<Base64 of at least 32 random bytes>, e.g. audit-2026:$(openssl rand -base64 32)."
                        + " See docs/operations.md, \"The audit key\".");
            }
            key = generatedKey(Path.of(keyFile));
        }
        this.currentId = add(key, "atrium.audit.key");
        for (String old : retired.split(",")) {
            if (!old.isBlank()) {
                add(old, "atrium.audit.retired-keys");
            }
        }
    }

    /** Keys given directly (tests): the first is the current one. */
    AuditKeys(String current, String... retired) {
        this.currentId = add(current, "key");
        for (String old : retired) {
            add(old, "retired key");
        }
    }

    /** The id of the key new entries are signed with. */
    String currentId() {
        return currentId;
    }

    boolean knows(String keyId) {
        return keys.containsKey(keyId);
    }

    /** Lower-case hex HMAC-SHA256 of {@code text} (UTF-8) with the key {@code keyId}. */
    String sign(String keyId, String text) {
        SecretKeySpec secret = keys.get(keyId);
        if (secret == null) {
            throw new IllegalArgumentException("No audit key with id " + keyId + " is configured");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private String add(String spec, String property) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String id = colon < 0 ? "" : s.substring(0, colon);
        if (!ID.matcher(id).matches()) {
            throw new IllegalStateException(property + " must be <key id>:<secret>, the id 1-40 letters, digits, '.', '_' or '-'");
        }
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(s.substring(colon + 1).strip().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + ": the secret of key " + id + " is not Base64");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(property + ": the secret of key " + id + " has " + secret.length
                    + " bytes; at least " + MIN_SECRET_BYTES + " random bytes are needed (openssl rand -base64 32)");
        }
        if (keys.putIfAbsent(id, new SecretKeySpec(secret, "HmacSHA256")) != null) {
            throw new IllegalStateException("Audit key id " + id + " is configured twice");
        }
        return id;
    }

    private static String generatedKey(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] secret = new byte[MIN_SECRET_BYTES];
                SecureRandom random = new SecureRandom();
                random.nextBytes(secret);
                String id = "dev-" + HexFormat.of().formatHex(random.generateSeed(4));
                Files.writeString(file, id + ":" + Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                log.info("Generated an audit signing key for this development installation in {}", file);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the audit key " + file, e);
        }
    }
}
