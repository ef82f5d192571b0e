/**
 * The wealth inventory (assets and liabilities with their owners) and the donations inventory of a client
 * file. {@link com.atrium.inventory.InventoryService} is the module's API, used by its screens, the JSON
 * API, the simulation module and the client portal; reading needs VIEW_FILE, changing needs
 * EDIT_INVENTORIES, always asked of the access module.
 */
package com.atrium.inventory;
