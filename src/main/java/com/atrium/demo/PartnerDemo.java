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

    PartnerDemo(PartnerService partner, DiagnosticService diagnostic, WorkspaceService workspace, PracticeService practice) {
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
