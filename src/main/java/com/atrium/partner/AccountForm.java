package com.atrium.partner;

import java.util.List;

/**
 * A new business account: its name, licence, the primary contact (who becomes its administrator) and further
 * users. Bulk users from a CSV come separately ({@link PartnerService#create(com.atrium.shared.Actor, AccountForm, String)}).
 */
public record AccountForm(String name, Licence licence, UserForm primaryContact, List<UserForm> users) {

    public AccountForm {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
