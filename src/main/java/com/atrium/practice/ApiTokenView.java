package com.atrium.practice;

import java.time.OffsetDateTime;

/** A personal API token as its owner sees it (never the secret). {@code expiresAt} null: never expires. */
public record ApiTokenView(long id, String name, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {
}
