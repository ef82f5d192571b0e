package com.atrium.household;

/**
 * The outcome of removing someone from a household's team.
 *
 * @param clientId the household
 * @param userId   who was removed
 * @param name     their name
 * @param handOver when the removed person was the primary professional: the hand-over to the replacement; else null
 */
public record Removal(long clientId, long userId, String name, HandOver handOver) {
}
