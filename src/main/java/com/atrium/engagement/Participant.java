package com.atrium.engagement;

/** A person of the household who takes part in the engagement tools (holder, co-holder, spouse or partner). */
public record Participant(long id, String name, String relationship) {
}
