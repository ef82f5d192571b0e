package com.atrium.partner;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The partner portal's JSON API for advisers: business accounts, their users, the diagnostic and advisor mode. */
@RestController
@RequestMapping("/api/partner")
@Tag(name = "Partner portal", description = "Business client accounts, their users, the diagnostic and advisor mode")
class PartnerApiController {
    private final PartnerService partner;
    private final DiagnosticService diagnostic;
    private final AdvisorModeService advisorMode;

    PartnerApiController(PartnerService partner, DiagnosticService diagnostic, AdvisorModeService advisorMode) {
        this.partner = partner;
        this.diagnostic = diagnostic;
        this.advisorMode = advisorMode;
    }

    @GetMapping("/accounts")
    @Operation(summary = "The business accounts you may see (related adviser, practice managers, team...)")
    List<AccountSummary> accounts(Actor actor) {
        return partner.accounts(actor);
    }

    /** A new account: JSON with {@code name}, {@code licence}, {@code primaryContact}, {@code users} and optionally {@code csv} (the file's text). */
    record NewAccountRequest(String name, Licence licence, UserForm primaryContact, List<UserForm> users, String csv) {
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a business account with its primary contact (the administrator) and users; all or nothing")
    AccountView create(Actor actor, @RequestBody NewAccountRequest body) {
        return partner.create(actor, new AccountForm(body.name(), body.licence(), body.primaryContact(), body.users()), body.csv());
    }

    @GetMapping("/accounts/{id}")
    @Operation(summary = "One account with its users and licence history")
    AccountView account(Actor actor, @PathVariable long id) {
        return partner.account(actor, id);
    }

    @PatchMapping("/accounts/{id}")
    @Operation(summary = "Change the licence (FULL_BUSINESS, ESSENTIALS, GOALS) and/or mark the account paid; the change is recorded")
    AccountView change(Actor actor, @PathVariable long id, @RequestBody AccountChange body) {
        return partner.change(actor, id, body);
    }

    @PostMapping(path = "/accounts/{id}/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add one user (first name, last name, email); they get an invitation with a temporary password")
    MemberView addUser(Actor actor, @PathVariable long id, @RequestBody UserForm body) {
        return partner.addUser(actor, id, body);
    }

    @PostMapping(path = "/accounts/{id}/users", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add users in bulk from a CSV file (UTF-8, at most 5 MB); one bad line rejects the file with every bad line listed")
    PartnerService.BulkResult addUsers(Actor actor, @PathVariable long id, @RequestBody byte[] file) {
        return partner.addUsers(actor, id, file);
    }

    @DeleteMapping("/accounts/{id}/users/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a user from the account (their login is disabled; the administrator cannot be removed)")
    void removeUser(Actor actor, @PathVariable long id, @PathVariable long userId) {
        partner.removeUser(actor, id, userId);
    }

    @GetMapping("/accounts/{id}/diagnostic")
    @Operation(summary = "The diagnostic: participation (completed / participants), whether the 80 % gate is open, results so far")
    DiagnosticView diagnostic(Actor actor, @PathVariable long id) {
        return diagnostic.forAdviser(actor, id);
    }

    @PostMapping("/accounts/{id}/diagnostic/participants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a participant to a first diagnostic (a new user of the account, invited)")
    MemberView addParticipant(Actor actor, @PathVariable long id, @RequestBody UserForm body) {
        return diagnostic.addParticipant(actor, id, body);
    }

    @PostMapping("/accounts/{id}/diagnostic/reminders")
    @Operation(summary = "Email a reminder to every participant who has not completed a first diagnostic")
    Map<String, Integer> remind(Actor actor, @PathVariable long id) {
        return Map.of("reminded", diagnostic.remind(actor, id));
    }

    @PostMapping("/accounts/{id}/diagnostic/rounds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start the account's next diagnostic", description = "Every current user of the account takes part; the"
            + " workspace stays open (no quick-start gate after the first diagnostic), and advisers may then only remove"
            + " participants. 409 for a Goals account, or while the first diagnostic has not reached 80 %.")
    DiagnosticView startNextDiagnostic(Actor actor, @PathVariable long id) {
        return diagnostic.startNext(actor, id);
    }

    @DeleteMapping("/accounts/{id}/diagnostic/participants/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a participant from the diagnostic (counts toward the 80 % at once)")
    void removeParticipant(Actor actor, @PathVariable long id, @PathVariable long userId) {
        diagnostic.removeParticipant(actor, id, userId);
    }

    @PostMapping("/accounts/{id}/advisor-mode")
    @Operation(summary = "Enter advisor mode in the account (audited); the workspace is then at /workspace/{id}")
    AdvisorModeService.AdvisorSession startAdvisorMode(Actor actor, @PathVariable long id) {
        return advisorMode.start(actor, id);
    }

    @DeleteMapping("/accounts/{id}/advisor-mode")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Leave advisor mode (audited)")
    void endAdvisorMode(Actor actor, @PathVariable long id) {
        advisorMode.end(actor, id);
    }

    @GetMapping(path = "/users/bulk-template.csv", produces = "text/csv")
    @Operation(summary = "The CSV template for bulk users: first name, last name, email")
    ResponseEntity<String> template() {
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"atrium-users-template.csv\"")
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8")).body(BulkUsers.TEMPLATE);
    }
}
