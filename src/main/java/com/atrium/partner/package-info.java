/**
 * Partner portal: business client accounts (a second kind of client of the practice), their users, licences,
 * invitations with temporary passwords, the diagnostic with its quick-start gate, the account workspace and
 * advisor mode. {@link com.atrium.partner.PartnerService} is the module's API.
 */
package com.atrium.partner;
