/**
 * Outgoing messages: the transactional outbox (written in the caller's transaction, delivered and retried by
 * {@code OutboxJob} through Spring Mail), the {@link com.atrium.mail.SmsSender} for one-time codes, and the
 * dev mailbox page that shows what was sent in the demo run. Knows no feature module.
 */
package com.atrium.mail;
