/**
 * CRM integrations: several CRM sites per practice (spec F5), each with its own OAuth 2.0 client, tokens (encrypted at
 * rest), id mappings and sync runs. The {@link com.atrium.crm.CrmConnector} interface hides the CRM; the XPLAN connector
 * speaks Iress Xplan's "resourceful" API. The hourly (and on-demand) one-way sync copies clients, advisers and
 * insurance policies; new clients are created through the household module's API, primaries handed over through
 * its team service (which tells the access module). Only practice managers ({@code MANAGE_INTEGRATIONS}) see any of it.
 */
package com.atrium.crm;
