package com.atrium.practice;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Picks up password-reset requests that the background thread did not process (a crash or restart between the answer
 * and the lookup), once a minute, unless {@code atrium.jobs.enabled=false} (tests call the service themselves). Each
 * request is claimed with a row lock, so several nodes can run it at once.
 */
@Component
@ConditionalOnProperty(name = "atrium.jobs.enabled", havingValue = "true", matchIfMissing = true)
class PasswordResetJob {
    private final PasswordService passwords;

    PasswordResetJob(PasswordService passwords) {
        this.passwords = passwords;
    }

    @Scheduled(fixedDelayString = "${atrium.password-reset.sweep-delay:PT1M}", initialDelayString = "PT20S")
    void run() {
        passwords.processPendingResets();
    }
}
