package com.atrium.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atrium.audit.AuditHashing.Content;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditHashingTests {
    static final Instant AT = Instant.parse("2026-05-03T10:15:30.123456789Z");

    static Content content(String before, String after) {
        return new Content(7, 3, AT, 42L, "Ann Lee", "TEAM_ROLE_CHANGED", 99L, 43L, before, after, AuditHashing.GENESIS);
    }

    @Test
    void canonicalFormIsVersionedLengthPrefixedAndMicrosecondPrecise() {
        assertThat(AuditHashing.canonical(content("Bo as Adviser", null))).isEqualTo("""
                atrium-audit-v1
                practice_id=1:7
                seq=1:3
                occurred_at=27:2026-05-03T10:15:30.123456Z
                actor_user_id=2:42
                actor_name=7:Ann Lee
                action=17:TEAM_ROLE_CHANGED
                client_id=2:99
                subject_user_id=2:43
                before_text=13:Bo as Adviser
                after_text=-
                prev_hash=64:%s
                """.formatted(AuditHashing.GENESIS));
    }

    @Test
    void hashIsSha256HexOfTheCanonicalUtf8Bytes() throws Exception {
        Content c = content("Zoë as Adviser", "Zoë as Read-only");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(AuditHashing.canonical(c).getBytes(StandardCharsets.UTF_8)));
        assertThat(AuditHashing.hash(c)).isEqualTo(expected).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(AuditHashing.canonical(c)).contains("before_text=15:Zoë as Adviser"); // bytes, not chars
    }

    @Test
    void everyContentFieldAndTheLinkChangeTheHash() {
        String base = AuditHashing.hash(content("a", "b"));
        assertThat(AuditHashing.hash(content("a", "c"))).isNotEqualTo(base);
        assertThat(AuditHashing.hash(content("a", null))).isNotEqualTo(AuditHashing.hash(content("a", "")));
        Content relinked = new Content(7, 3, AT, 42L, "Ann Lee", "TEAM_ROLE_CHANGED", 99L, 43L, "a", "b", "1".repeat(64));
        assertThat(AuditHashing.hash(relinked)).isNotEqualTo(base);
        // moving text between fields cannot produce the same bytes: lengths are part of the form
        assertThat(AuditHashing.hash(content("a\nafter_text=1:b", null))).isNotEqualTo(AuditHashing.hash(content("a", "b")));
    }

    @Test
    void signedFormNamesItsKeyAndIsAnHmacWithThatKey() throws Exception {
        Content c = content("Bo as Adviser", null);
        assertThat(AuditHashing.canonicalSigned(c, "k1")).startsWith("atrium-audit-v2\nkey_id=2:k1\npractice_id=1:7\n")
                .endsWith(AuditHashing.canonical(c).substring("atrium-audit-v1\n".length()));
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) 7);
        AuditKeys keys = new AuditKeys("k1:" + java.util.Base64.getEncoder().encodeToString(secret));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(AuditHashing.canonicalSigned(c, "k1").getBytes(StandardCharsets.UTF_8)));
        assertThat(AuditHashing.signed(c, "k1", keys)).isEqualTo(expected).matches("[0-9a-f]{64}")
                .isNotEqualTo(AuditHashing.hash(c));
        assertThatThrownBy(() -> AuditHashing.signed(c, "k0", keys)).hasMessageContaining("k0");
    }

    @Test
    void keysAreCheckedWhenTheyAreConfigured() {
        String good = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        AuditKeys keys = new AuditKeys("k2:" + good, "k1:" + good.replace('A', 'B'));
        assertThat(keys.currentId()).isEqualTo("k2");
        assertThat(keys.knows("k1")).isTrue();
        assertThat(keys.knows("k3")).isFalse();
        assertThatThrownBy(() -> new AuditKeys("k1:" + java.util.Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("16 bytes").hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new AuditKeys(good)).hasMessageContaining("<key id>:<secret>");
        assertThatThrownBy(() -> new AuditKeys("k1:not base64!!")).hasMessageContaining("not Base64");
        assertThatThrownBy(() -> new AuditKeys("k1:" + good, "k1:" + good)).hasMessageContaining("twice");
    }

    @Test
    void productionRefusesToStartWithoutAKey_elsewhereOneIsGeneratedOnceIntoTheKeyFile(@org.junit.jupiter.api.io.TempDir
                                                                                      java.nio.file.Path dir) throws Exception {
        org.springframework.mock.env.MockEnvironment prod = new org.springframework.mock.env.MockEnvironment();
        prod.setActiveProfiles("prod");
        String file = dir.resolve("audit.key").toString();
        assertThatThrownBy(() -> new AuditKeys("", "", file, prod)).hasMessageContaining("ATRIUM_AUDIT_KEY");
        assertThat(dir.resolve("audit.key")).doesNotExist();

        AuditKeys dev = new AuditKeys("", "", file, new org.springframework.mock.env.MockEnvironment());
        assertThat(dev.currentId()).matches("dev-[0-9a-f]{8}");
        assertThat(new AuditKeys("", "", file, new org.springframework.mock.env.MockEnvironment()).currentId())
                .isEqualTo(dev.currentId()); // the next start reads the same key
        Content c = content("a", "b");
        assertThat(AuditHashing.signed(c, dev.currentId(), dev)).isEqualTo(AuditHashing.signed(c, dev.currentId(),
                new AuditKeys(java.nio.file.Files.readString(dir.resolve("audit.key")).trim())));
    }

    @Test
    void actionsAreCodesAndReadAsWords() {
        assertThat(AuditTrail.label("TEAM_MEMBER_ADDED")).isEqualTo("Team member added");
        assertThat(AuditTrail.label("PLAN_EXPORTED")).isEqualTo("Plan exported");
        assertThatThrownBy(() -> AuditRecord.of(1, 2L, "plan exported")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditRecord.of(1, 2L, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
