/**
 * Compliance tools for practice managers (issue 17): the access review and its bulk revocation, the bulk reassignment
 * of a departing adviser's households. Every question goes to the access module (the review is
 * {@link com.atrium.access.AccessService#review}, previews run its decision logic on proposed facts); every change goes
 * through the owning module's service, so the hash-chained audit trail records it like any other access change.
 * The read audit itself lives in the audit module.
 */
package com.atrium.compliance;
