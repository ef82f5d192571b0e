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
    void actionsAreCodesAndReadAsWords() {
        assertThat(AuditTrail.label("TEAM_MEMBER_ADDED")).isEqualTo("Team member added");
        assertThat(AuditTrail.label("PLAN_EXPORTED")).isEqualTo("Plan exported");
        assertThatThrownBy(() -> AuditRecord.of(1, 2L, "plan exported")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditRecord.of(1, 2L, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
