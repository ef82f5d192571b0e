package com.atrium.demo;

import com.atrium.partner.AccountChange;
import com.atrium.partner.AccountForm;
import com.atrium.partner.AccountView;
import com.atrium.partner.DiagnosticService;
import com.atrium.partner.Licence;
import com.atrium.partner.MemberView;
import com.atrium.partner.PartnerService;
import com.atrium.partner.UserForm;
import com.atrium.partner.WorkspaceService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The partner portal's demo: two business accounts of Daniel Okafor in Harbour Wealth. Northwind Bakery (Essentials,
 * free trial) is on its first diagnostic at 2 of 5 (40 %), so its users are in the quick start;
 * Bluegum Engineering (Full Business, paid) is past its first diagnostic. Every demo business user logs in with the
 * demo password (owner@northwind.example is the one to try).
 */
@Component
class PartnerDemo {
    private final PartnerService partner;
    private final DiagnosticService diagnostic;
    private final WorkspaceService workspace;
    private final PracticeService practice;
    private final com.atrium.partner.GoalService goals;
    private final com.atrium.partner.TaskService tasks;

    PartnerDemo(PartnerService partner, DiagnosticService diagnostic, WorkspaceService workspace, PracticeService practice,
                com.atrium.partner.GoalService goals, com.atrium.partner.TaskService tasks) {
        this.goals = goals;
        this.tasks = tasks;
        this.partner = partner;
        this.diagnostic = diagnostic;
        this.workspace = workspace;
        this.practice = practice;
    }

    void seed(Actor adviser, String password) {
        AccountView northwind = partner.create(adviser, new AccountForm("Northwind Bakery", Licence.ESSENTIALS,
                new UserForm("Nora", "Baker", "owner@northwind.example"), List.of(
                        new UserForm("Oliver", "Crust", "oliver@northwind.example"),
                        new UserForm("Priya", "Dough", "priya@northwind.example"),
                        new UserForm("Quinn", "Flour", "quinn@northwind.example"),
                        new UserForm("Rosa", "Yeast", "rosa@northwind.example"))), null);
        passwords(northwind, password);
        answer(northwind, 1, 4);
        answer(northwind, 2, 3);
        AccountView bluegum = partner.create(adviser, new AccountForm("Bluegum Engineering", Licence.FULL_BUSINESS,
                new UserForm("Sam", "Gauge", "ops@bluegum.example"), List.of(
                        new UserForm("Tara", "Weld", "tara@bluegum.example"),
                        new UserForm("Uma", "Bolt", "uma@bluegum.example"),
                        new UserForm("Victor", "Rivet", "victor@bluegum.example"))), null);
        passwords(bluegum, password);
        for (int i = 0; i < 4; i++) {
            answer(bluegum, i, 3 + i % 3);
        }
        partner.change(adviser, bluegum.id(), new AccountChange(null, true));
        diagnostic.startNext(adviser, bluegum.id());
        goalsAndTasks(adviser, bluegum);
    }

    /** Bluegum's goals (two of them below 60 %: one milestone, one personal) and its operations board. */
    private void goalsAndTasks(Actor adviser, AccountView a) {
        Actor sam = practice.actor(a.users().get(0).userId()).orElseThrow();
        Actor uma = practice.actor(a.users().get(2).userId()).orElseThrow();
        long tara = a.users().get(1).userId();
        long victor = a.users().get(3).userId();
        com.atrium.partner.GoalView tender = goals.create(sam, a.id(), new com.atrium.partner.GoalForm("Win the Hunter Valley tender",
                "The council's five-year maintenance contract.", null, "ORGANISATION", true, java.time.LocalDate.now().plusMonths(3).toString(), null, "80"));
        goals.addOutcome(sam, a.id(), tender.id(), "Bid submitted", "1", "1", "bid");
        goals.addOutcome(sam, a.id(), tender.id(), "Site visits done", "3", "1", "visits");
        goals.updateConfidence(sam, a.id(), tender.id(), "70", "Two site visits moved to next month");
        goals.updateConfidence(sam, a.id(), tender.id(), "52", "A competitor is bidding 10 % under us");
        goals.post(sam, a.id(), tender.id(), "Can we go through the pricing with Daniel this week?");
        goals.create(sam, a.id(), new com.atrium.partner.GoalForm("ISO 9001 certification", null, tara, "ORGANISATION", true,
                java.time.LocalDate.now().plusMonths(6).toString(), null, "85"));
        com.atrium.partner.GoalView rework = goals.create(uma, a.id(), new com.atrium.partner.GoalForm("Cut weld rework below 2 %", null, null,
                "PERSONAL", false, null, null, "60"));
        goals.updateConfidence(uma, a.id(), rework.id(), "45", "The new wire feeder is late");
        goals.create(sam, a.id(), new com.atrium.partner.GoalForm("Hire two apprentices", null, victor, "ORGANISATION", false, null, null, "65"));
        goals.create(adviser, a.id(), new com.atrium.partner.GoalForm("Quarterly strategy review with the board", null, null, "PERSONAL", false,
                java.time.LocalDate.now().plusWeeks(3).toString(), null, "75"));
        com.atrium.partner.BoardView board = tasks.createBoard(sam, a.id(), "Operations");
        tasks.createTask(sam, a.id(), board.id(), new com.atrium.partner.TaskForm("Price the Hunter Valley bid again",
                String.valueOf(sam.userId()), null, String.valueOf(tender.id()), "IN_PROGRESS"));
        tasks.createTask(sam, a.id(), board.id(), new com.atrium.partner.TaskForm("Book the remaining site visits", String.valueOf(tara),
                java.time.LocalDate.now().plusWeeks(2).toString(), String.valueOf(tender.id()), "TODO"));
        tasks.createTask(uma, a.id(), board.id(), new com.atrium.partner.TaskForm("Chase the wire feeder supplier", String.valueOf(uma.userId()),
                null, String.valueOf(rework.id()), "TODO"));
        tasks.createTask(sam, a.id(), board.id(), new com.atrium.partner.TaskForm("Send the bid documents", String.valueOf(sam.userId()), null,
                String.valueOf(tender.id()), "DONE"));
        tasks.createTask(adviser, a.id(), board.id(), new com.atrium.partner.TaskForm("Prepare the strategy review pack",
                String.valueOf(adviser.userId()), java.time.LocalDate.now().plusWeeks(2).toString(), null, "IN_PROGRESS"));
    }

    private void passwords(AccountView a, String password) {
        for (MemberView m : a.users()) {
            practice.seedBusinessPassword(m.userId(), password);
        }
    }

    private void answer(AccountView a, int user, int base) {
        Actor member = practice.actor(a.users().get(user).userId()).orElseThrow();
        Map<String, String> answers = new HashMap<>();
        for (int s = 1; s <= 20; s++) {
            answers.put("s" + s, String.valueOf(1 + (base + s) % 5));
        }
        workspace.submitDiagnostic(member, a.id(), answers);
    }
}
