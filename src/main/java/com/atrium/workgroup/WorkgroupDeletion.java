package com.atrium.workgroup;

/** What deleting a workgroup did: its clients were unassigned (in the same transaction). */
public record WorkgroupDeletion(long id, String description, int unassignedClients) {
}
