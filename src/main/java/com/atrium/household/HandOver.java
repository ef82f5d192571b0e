package com.atrium.household;

/**
 * The outcome of a primary hand-over.
 *
 * @param clientId          the household
 * @param previousPrimaryId who was primary before
 * @param previousPrimary   their name
 * @param primaryId         who is primary now
 * @param primary           their name
 * @param formerKeptOnTeam  whether the former primary stayed on the team (as an Adviser)
 * @param changed           false when the requested person already was primary (nothing changed, nothing recorded)
 */
public record HandOver(long clientId, long previousPrimaryId, String previousPrimary, long primaryId, String primary,
                       boolean formerKeptOnTeam, boolean changed) {
}
