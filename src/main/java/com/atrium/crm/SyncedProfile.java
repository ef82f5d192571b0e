package com.atrium.crm;

/** The CRM-owned profile values Atrium keeps beside the household (title, sex, address, the CRM's adviser). */
record SyncedProfile(String title, String sex, String addressLine1, String addressLine2, String suburb, String postcode, String state,
                     String countryCode, String adviserName, String adviserEmail) {
}
