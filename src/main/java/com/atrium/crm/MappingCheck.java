package com.atrium.crm;

/** Before enabling: how many of the practice's clients carry a CRM id in this integration, and how many do not yet. */
public record MappingCheck(long clients, long linked, long withoutId) {
}
