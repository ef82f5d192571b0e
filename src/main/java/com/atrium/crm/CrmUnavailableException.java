package com.atrium.crm;

/** The CRM could not be reached or kept failing (after retries); the run ends as failed with this reason. */
class CrmUnavailableException extends RuntimeException {
    CrmUnavailableException(String message) {
        super(message);
    }

    /** The CRM answered the request with a refusal (4xx other than an expired token): sending it again will not help. */
    static class Refused extends CrmUnavailableException {
        Refused(String message) {
            super(message);
        }
    }
}
