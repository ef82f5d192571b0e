package com.atrium.household;

import com.atrium.shared.ClientFileRead;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Client screens: list with search-as-you-type (htmx swaps the rows fragment), detail, new client. */
@Controller
class ClientController {
    private final HouseholdService households;

    ClientController(HouseholdService households) {
        this.households = households;
    }

    @GetMapping("/clients")
    String list(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String workgroup,
                @RequestParam(required = false) String archived,
                @RequestParam(required = false) Integer page, Model model, HttpServletRequest request) {
        ClientListFilter filter = ClientListFilter.of(archived);
        model.addAttribute("archived", filter.parameter());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("workgroup", workgroup == null || workgroup.isBlank() ? "all" : workgroup.trim());
        model.addAttribute("workgroups", households.searchWorkgroups(actor));
        model.addAttribute("clients", households.list(actor, q, workgroup, filter, PageRequest.of(page, 25)));
        model.addAttribute("canCreate", households.canCreate(actor));
        boolean htmx = "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
        return htmx ? "household/list :: results" : "household/list";
    }

    @ClientFileRead(ClientFileRead.Kind.DETAIL)
    @GetMapping("/clients/{id}")
    String detail(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("client", households.get(actor, id));
        model.addAttribute("admin", households.administration(actor, id));
        return "household/detail";
    }

    @GetMapping("/clients/new")
    String newForm(Actor actor, Model model) {
        NewClientPage form = NewClientPage.blank();
        NewClientOptions options = addOptions(actor, model);
        // pre-select the default primary through the bound value: th:field on the select decides "selected"
        form.setPrimaryProfessionalId(options.defaultPrimaryId());
        form.setWorkgroupId(options.defaultWorkgroupId() != null ? options.defaultWorkgroupId()
                : options.workgroupRequired() ? null : ClientForm.NO_WORKGROUP);
        model.addAttribute("form", form);
        return "household/new";
    }

    @PostMapping("/clients")
    String create(Actor actor, @ModelAttribute("form") NewClientPage form, BindingResult binding, Model model) {
        if (binding.hasErrors()) {
            model.addAttribute("errors", NewClientPage.errorsOf(binding));
            addOptions(actor, model);
            return "household/new";
        }
        try {
            ClientView created = households.create(actor, form.toForm());
            return "redirect:/clients/" + created.id() + "?created";
        } catch (InvalidInputException e) {
            model.addAttribute("message", e.getMessage());
            model.addAttribute("errors", e.fieldErrors());
            addOptions(actor, model);
            return "household/new";
        }
    }

    private NewClientOptions addOptions(Actor actor, Model model) {
        NewClientOptions options = households.newClientOptions(actor);
        model.addAttribute("options", options);
        model.addAttribute("relationships", Relationship.values());
        model.addAttribute("statuses", ClientStatus.values());
        return options;
    }

    /** The HTML form's shape: a household with up to four people rows (blank rows are ignored). */
    static class NewClientPage {
        private String displayName;
        private ClientStatus status = ClientStatus.ACTIVE;
        private Long primaryProfessionalId;
        private Long workgroupId;
        private List<PersonRow> people = new ArrayList<>();

        static NewClientPage blank() {
            NewClientPage p = new NewClientPage();
            for (int i = 0; i < 4; i++) {
                PersonRow r = new PersonRow();
                r.setRelationship(i == 0 ? Relationship.HOLDER : i == 1 ? Relationship.SPOUSE : Relationship.CHILD);
                p.people.add(r);
            }
            return p;
        }

        static java.util.Map<String, String> errorsOf(BindingResult binding) {
            java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
            binding.getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(),
                    f.isBindingFailure() ? "This value is not valid." : f.getDefaultMessage()));
            return errors;
        }

        ClientForm toForm() {
            List<PersonForm> list = new ArrayList<>();
            for (PersonRow r : people) {
                if (r.isBlank()) {
                    continue;
                }
                list.add(new PersonForm(r.firstName, r.middleName, r.lastName, r.dateOfBirth, r.email, r.mobile, r.relationship));
            }
            if (list.isEmpty()) {
                throw new InvalidInputException("people[0].firstName", "Add at least one person: enter a first and last name.");
            }
            return new ClientForm(displayName, status, primaryProfessionalId, list, workgroupId);
        }

        public String getDisplayName() { return displayName; }
        public void setDisplayName(String v) { displayName = v; }
        public ClientStatus getStatus() { return status; }
        public void setStatus(ClientStatus v) { status = v; }
        public Long getPrimaryProfessionalId() { return primaryProfessionalId; }
        public void setPrimaryProfessionalId(Long v) { primaryProfessionalId = v; }
        public Long getWorkgroupId() { return workgroupId; }
        public void setWorkgroupId(Long v) { workgroupId = v; }
        public List<PersonRow> getPeople() { return people; }
        public void setPeople(List<PersonRow> v) { people = v; }
    }

    /** One person row of the HTML form. */
    static class PersonRow {
        private String firstName;
        private String middleName;
        private String lastName;
        @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
        private java.time.LocalDate dateOfBirth;
        private String email;
        private String mobile;
        private Relationship relationship;

        boolean isBlank() {
            return isEmpty(firstName) && isEmpty(lastName) && isEmpty(email) && isEmpty(mobile) && dateOfBirth == null;
        }

        private static boolean isEmpty(String s) {
            return s == null || s.isBlank();
        }

        public String getFirstName() { return firstName; }
        public void setFirstName(String v) { firstName = v; }
        public String getMiddleName() { return middleName; }
        public void setMiddleName(String v) { middleName = v; }
        public String getLastName() { return lastName; }
        public void setLastName(String v) { lastName = v; }
        public java.time.LocalDate getDateOfBirth() { return dateOfBirth; }
        public void setDateOfBirth(java.time.LocalDate v) { dateOfBirth = v; }
        public String getEmail() { return email; }
        public void setEmail(String v) { email = v; }
        public String getMobile() { return mobile; }
        public void setMobile(String v) { mobile = v; }
        public Relationship getRelationship() { return relationship; }
        public void setRelationship(Relationship v) { relationship = v; }
    }
}
