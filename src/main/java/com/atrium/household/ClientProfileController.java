package com.atrium.household;

import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The client file's Edit profile form (display name, status, the people's details) and the Archive / Restore action.
 * Archiving or restoring first shows what it will do and asks to confirm; errors are shown all at once on their
 * fields with everything typed kept.
 */
@Controller
class ClientProfileController {
    private final HouseholdService households;

    ClientProfileController(HouseholdService households) {
        this.households = households;
    }

    @GetMapping("/clients/{id}/profile")
    String form(Actor actor, @PathVariable long id, Model model) {
        ClientView client = households.profileToEdit(actor, id);
        model.addAttribute("client", client);
        model.addAttribute("form", ProfilePage.of(client));
        model.addAttribute("statuses", ClientStatus.values());
        return "household/profile";
    }

    @PostMapping("/clients/{id}/profile")
    String save(Actor actor, @PathVariable long id, @ModelAttribute("form") ProfilePage form, BindingResult binding, Model model) {
        ClientView client = households.profileToEdit(actor, id);
        model.addAttribute("client", client);
        model.addAttribute("statuses", ClientStatus.values());
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), "This value is not valid."));
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            return "household/profile";
        }
        ClientStatus to = parse(form.getStatus());
        if (to != null && archivingChange(client.status(), to) && !form.isConfirmed()) {
            // say what will happen before doing it; the typed values ride along in the form
            model.addAttribute("confirm", confirmation(client, to));
            return "household/profile";
        }
        try {
            households.updateProfile(actor, id, form.toPatch());
            return "redirect:/clients/" + id + "?saved";
        } catch (InvalidInputException e) {
            model.addAttribute("message", e.getMessage());
            model.addAttribute("errors", e.fieldErrors());
            return "household/profile";
        }
    }

    /** Archive or restore (the buttons on the client file): without {@code confirmed}, a page that says what it will do. */
    @PostMapping("/clients/{id}/status")
    String status(Actor actor, @PathVariable long id, @RequestParam(required = false) String status,
                  @RequestParam(required = false) boolean confirmed, Model model) {
        ClientView client = households.profileToEdit(actor, id);
        ClientStatus to = parse(status);
        if (to == null) {
            throw new InvalidInputException("status", "Choose Active, Prospect or Archived.");
        }
        if (!confirmed) {
            model.addAttribute("client", client);
            model.addAttribute("confirm", confirmation(client, to));
            model.addAttribute("statusOnly", to.name());
            return "household/profile";
        }
        households.updateProfile(actor, id, ClientPatch.status(to));
        return "redirect:/clients/" + id + (to == ClientStatus.ARCHIVED ? "?archived" : client.status() == ClientStatus.ARCHIVED ? "?restored" : "?saved");
    }

    private static boolean archivingChange(ClientStatus from, ClientStatus to) {
        return from != to && (from == ClientStatus.ARCHIVED || to == ClientStatus.ARCHIVED);
    }

    private static ClientStatus parse(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ClientStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What archiving or restoring will do, in words, for the confirmation. */
    record Confirmation(String title, String text, String button) {
    }

    static Confirmation confirmation(ClientView client, ClientStatus to) {
        if (to == ClientStatus.ARCHIVED) {
            return new Confirmation("Archive \u201c" + client.displayName() + "\u201d?",
                    "The client leaves the default client list (the list's \u201cArchived\u201d filter still shows it). Its file,"
                            + " its history and everyone's access stay as they are, and you can restore it at any time.",
                    "Archive client");
        }
        if (client.status() == ClientStatus.ARCHIVED) {
            return new Confirmation("Restore \u201c" + client.displayName() + "\u201d as " + to.label() + "?",
                    "The client comes back to the default client list. Nothing else changes: its file, history and access stayed.",
                    "Restore client");
        }
        return new Confirmation("Change the status to " + to.label() + "?", "", "Change status");
    }

    /** The HTML form's shape: every field as typed (strings), so a rejected value is shown back as it was entered. */
    static class ProfilePage {
        private String displayName;
        private String status;
        private boolean confirmed;
        private List<PersonRow> people = new ArrayList<>();

        static ProfilePage of(ClientView client) {
            ProfilePage p = new ProfilePage();
            p.displayName = client.displayName();
            p.status = client.status().name();
            for (PersonView v : client.people()) {
                PersonRow r = new PersonRow();
                r.id = v.id();
                r.label = v.relationshipLabel();
                r.firstName = v.firstName();
                r.middleName = v.middleName();
                r.lastName = v.lastName();
                r.dateOfBirth = v.dateOfBirth() == null ? "" : v.dateOfBirth().toString();
                r.email = v.email();
                r.mobile = v.mobile();
                p.people.add(r);
            }
            return p;
        }

        /** A form sends every field: a blank optional field clears it; a blank name is an error (reported by the service). */
        ClientPatch toPatch() {
            List<ClientPatch.PersonPatch> list = new ArrayList<>();
            for (PersonRow r : people) {
                list.add(new ClientPatch.PersonPatch(r.id, nz(r.firstName), nz(r.middleName), nz(r.lastName), nz(r.dateOfBirth),
                        nz(r.email), nz(r.mobile)));
            }
            return new ClientPatch(nz(displayName), status, list);
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }

        public String getDisplayName() { return displayName; }
        public void setDisplayName(String v) { displayName = v; }
        public String getStatus() { return status; }
        public void setStatus(String v) { status = v; }
        public boolean isConfirmed() { return confirmed; }
        public void setConfirmed(boolean v) { confirmed = v; }
        public List<PersonRow> getPeople() { return people; }
        public void setPeople(List<PersonRow> v) { people = v; }
    }

    /** One person's row of the form. */
    static class PersonRow {
        private Long id;
        private String label;
        private String firstName;
        private String middleName;
        private String lastName;
        private String dateOfBirth;
        private String email;
        private String mobile;

        public Long getId() { return id; }
        public void setId(Long v) { id = v; }
        public String getLabel() { return label; }
        public void setLabel(String v) { label = v; }
        public String getFirstName() { return firstName; }
        public void setFirstName(String v) { firstName = v; }
        public String getMiddleName() { return middleName; }
        public void setMiddleName(String v) { middleName = v; }
        public String getLastName() { return lastName; }
        public void setLastName(String v) { lastName = v; }
        public String getDateOfBirth() { return dateOfBirth; }
        public void setDateOfBirth(String v) { dateOfBirth = v; }
        public String getEmail() { return email; }
        public void setEmail(String v) { email = v; }
        public String getMobile() { return mobile; }
        public void setMobile(String v) { mobile = v; }
    }
}
