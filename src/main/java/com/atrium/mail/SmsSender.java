package com.atrium.mail;

/**
 * Sends a text message to a mobile number (E.164). The demo and test implementation records it in the outbox
 * so the dev mailbox shows it; a production implementation (an SMS gateway) replaces that bean.
 */
public interface SmsSender {
    void send(Long practiceId, String mobile, String text);
}
