package com.atrium.partner;

import java.util.ArrayList;
import java.util.List;

/**
 * The Add client account form as bound from the page: the account, the primary contact, the users added one by one
 * (the three "new user" fields are appended to {@link #getUsers()} by Add user), and the CSV text kept from an upload.
 */
public class NewAccountPage {
    private String name;
    private Licence licence;
    private String contactFirstName;
    private String contactLastName;
    private String contactEmail;
    private String newFirstName;
    private String newLastName;
    private String newEmail;
    private List<Row> users = new ArrayList<>();
    private String csvText;
    private String csvName;

    /** One user added on the form (mutable for binding). */
    public static class Row {
        private String firstName;
        private String lastName;
        private String email;

        public Row() {
        }

        Row(String firstName, String lastName, String email) {
            this.firstName = firstName;
            this.lastName = lastName;
            this.email = email;
        }

        public String getFirstName() { return firstName; }
        public void setFirstName(String v) { firstName = v; }
        public String getLastName() { return lastName; }
        public void setLastName(String v) { lastName = v; }
        public String getEmail() { return email; }
        public void setEmail(String v) { email = v; }
    }

    AccountForm toForm() {
        return new AccountForm(name, licence, new UserForm(contactFirstName, contactLastName, contactEmail),
                users.stream().map(r -> new UserForm(r.getFirstName(), r.getLastName(), r.getEmail())).toList());
    }

    UserForm pendingUser() {
        return new UserForm(newFirstName, newLastName, newEmail);
    }

    void addPending() {
        users.add(new Row(newFirstName.trim(), newLastName.trim(), newEmail.trim()));
        newFirstName = null;
        newLastName = null;
        newEmail = null;
    }

    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public Licence getLicence() { return licence; }
    public void setLicence(Licence v) { licence = v; }
    public String getContactFirstName() { return contactFirstName; }
    public void setContactFirstName(String v) { contactFirstName = v; }
    public String getContactLastName() { return contactLastName; }
    public void setContactLastName(String v) { contactLastName = v; }
    public String getContactEmail() { return contactEmail; }
    public void setContactEmail(String v) { contactEmail = v; }
    public String getNewFirstName() { return newFirstName; }
    public void setNewFirstName(String v) { newFirstName = v; }
    public String getNewLastName() { return newLastName; }
    public void setNewLastName(String v) { newLastName = v; }
    public String getNewEmail() { return newEmail; }
    public void setNewEmail(String v) { newEmail = v; }
    public List<Row> getUsers() { return users; }
    public void setUsers(List<Row> v) { users = v == null ? new ArrayList<>() : v; }
    public String getCsvText() { return csvText; }
    public void setCsvText(String v) { csvText = v; }
    public String getCsvName() { return csvName; }
    public void setCsvName(String v) { csvName = v == null || v.isBlank() ? null : v; } // the hidden field posts "" when no file was chosen
}
