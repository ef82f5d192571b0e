package com.atrium.crm;

/** The state of a sync run. */
public enum SyncStatus {
    RUNNING("Running"),
    SUCCEEDED("Finished"),
    FAILED("Failed"),
    /** the app stopped while it ran; the next run completes the work (matching by CRM id, so nothing is duplicated) */
    INTERRUPTED("Interrupted");

    private final String label;

    SyncStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
