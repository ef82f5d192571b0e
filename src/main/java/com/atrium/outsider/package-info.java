/**
 * Outsiders: external advisers registered in a client file, grants of read-write / read-only access to
 * family members and external advisers (decided and recorded by the access module), invitations with
 * reminders, and the client portal (login with a one-time code, the granted files only).
 */
package com.atrium.outsider;
