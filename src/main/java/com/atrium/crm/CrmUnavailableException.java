package com.atrium.crm;

/** The CRM could not be reached or kept failing (after retries); the run ends as failed with this reason. */
class CrmUnavailableException extends RuntimeException {
    CrmUnavailableException(String message) {
        super(message);
    }
}
