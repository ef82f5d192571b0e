package com.atrium.audit;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, signs the chains written before the trail was keyed (issue 10, finding 12): every practice whose last
 * entry is unsigned gets an {@code AUDIT_TRAIL_SIGNED} entry with the current key. Runs before the operator's
 * {@code --atrium.audit.verify} check ({@link AuditVerifyRunner}). Safe with several nodes starting at once: each
 * practice is re-checked under its chain-head lock.
 */
@Component
@Order(0)
class AuditKeyAdoption implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(AuditKeyAdoption.class);
    private final AuditTrail trail;
    private final AuditRepository entries;

    AuditKeyAdoption(AuditTrail trail, AuditRepository entries) {
        this.trail = trail;
        this.entries = entries;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Long> practices = entries.practicesWithUnsignedHead();
        int signed = 0;
        for (long practiceId : practices) {
            if (trail.signUnsignedHead(practiceId)) {
                signed++;
            }
        }
        if (signed > 0) {
            log.info("Audit trail: signed the chains of {} practice(s) written before the audit key", signed);
        }
    }
}
