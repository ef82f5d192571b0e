package com.atrium.audit;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The operator's command-line check: started with {@code --atrium.audit.verify}, Atrium verifies every
 * practice's chain, prints one line per practice and exits with status 0 (all intact) or 1 (a chain is
 * broken) before it is ready to serve requests (add {@code --server.port=0}). See docs/operations.md.
 */
@Component
@ConditionalOnProperty("atrium.audit.verify")
@org.springframework.core.annotation.Order(10)
class AuditVerifyRunner implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(AuditVerifyRunner.class);
    private final AuditTrail trail;
    private final ConfigurableApplicationContext context;

    AuditVerifyRunner(AuditTrail trail, ConfigurableApplicationContext context) {
        this.trail = trail;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<ChainVerification> results = trail.verifyAll();
        System.out.println(report(results));
        int status = results.stream().allMatch(ChainVerification::ok) ? 0 : 1;
        log.info("Audit chain verification finished with status {}", status);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    static String report(List<ChainVerification> results) {
        StringBuilder sb = new StringBuilder("Audit chain verification\n");
        if (results.isEmpty()) {
            sb.append("  no practice has an audit trail yet\n");
        }
        for (ChainVerification v : results) {
            sb.append("  practice ").append(v.practiceId()).append(": ");
            if (v.ok()) {
                sb.append("OK, ").append(v.entries()).append(" entries, head ").append(v.lastHash());
            } else {
                sb.append("BROKEN at seq ").append(v.brokenSeq()).append(" (").append(v.problem()).append("): ").append(v.detail());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
