package com.atrium.mail;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

/** Demo/test SMS: written to the outbox table as already delivered, visible in the dev mailbox. */
@Component
@ConditionalOnMissingBean(value = SmsSender.class, ignored = RecordingSmsSender.class)
class RecordingSmsSender implements SmsSender {
    private final Outbox outbox;

    RecordingSmsSender(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void send(Long practiceId, String mobile, String text) {
        outbox.recordSms(practiceId, "SMS_CODE", mobile, text);
    }
}
