package com.atrium.practice;

import java.time.OffsetDateTime;

/** A personal API token as its owner sees it (never the secret). */
public record ApiTokenView(long id, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {
}
