/**
 * Client engagement (issue 14, seed 001): the Your Life survey, values sessions, investment preferences (with their
 * PDF) and client notes. The access module decides who may see, complete and export them ({@code VIEW_ENGAGEMENT},
 * {@code COMPLETE_SURVEYS}, {@code RUN_VALUES_SESSION}, {@code EXPORT_PLAN}, {@code MANAGE_NOTES}); holders and
 * co-holders answer the two questionnaires for themselves in the portal. Each completed tool and each export is
 * published as a {@link com.atrium.engagement.ClientInteractionRecorded} in the transaction that saves it, so the
 * crm module can queue a file note for every CRM that holds the client. Knows no CRM.
 */
package com.atrium.engagement;
