package com.atrium.practice;

import java.time.OffsetDateTime;

/** A token just created: the only time the secret ({@code token}) is ever shown. {@code expiresAt} null: never expires. */
public record NewApiToken(long id, String name, OffsetDateTime createdAt, OffsetDateTime expiresAt, String token) {
}
