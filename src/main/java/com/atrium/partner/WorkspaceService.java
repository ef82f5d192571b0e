package com.atrium.partner;

import com.atrium.partner.AccountRepository.AccountRow;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account workspace: who may enter it (its own users; an adviser only in advisor mode in that account), the
 * quick-start gate (until 80 % of the first diagnostic's participants completed it, only the quick-start pages
 * open), and the actions taken there (audited when the actor is an adviser in advisor mode).
 */
@Service
public class WorkspaceService {
    private final AccountRepository accounts;
    private final DiagnosticService diagnostic;
    private final PartnerService partner;
    private final AdvisorModeService advisorMode;
    private final AccountAccess access;

    WorkspaceService(AccountRepository accounts, DiagnosticService diagnostic, PartnerService partner, AdvisorModeService advisorMode,
                     AccountAccess access) {
        this.access = access;
        this.accounts = accounts;
        this.diagnostic = diagnostic;
        this.partner = partner;
        this.advisorMode = advisorMode;
    }

    /** The account whose workspace the actor enters by default: a business user's own, an adviser's advisor-mode one. */
    @Transactional(readOnly = true)
    public Optional<Long> home(Actor actor) {
        if (actor.type().isBusiness()) {
            return accounts.accountOf(actor.userId());
        }
        return advisorMode.current(actor).map(AdvisorModeService.AdvisorSession::accountId);
    }

    /**
     * The actor's place in the account's workspace; 404 for anyone else (other accounts, other practices, staff not in
     * advisor mode in this account).
     */
    @Transactional(readOnly = true)
    public Workspace enter(Actor actor, long accountId) {
        AccountRow a = row(actor, accountId);
        return workspace(actor, a);
    }

    private Workspace workspace(Actor actor, AccountRow a) {
        boolean adviser = !actor.type().isBusiness();
        boolean admin = access.requireWorkspace(actor, a.id()).contains(com.atrium.access.Permission.ADMINISTER_WORKSPACE);
        boolean participant = !adviser && diagnostic.mayTake(a, actor.userId());
        boolean completed = !adviser && diagnostic.questionnaire(a, actor.userId()).completed();
        return new Workspace(a.id(), a.name(), a.licence().label(), adviser, adviser ? actor.name() : null, admin, a.workspaceOpen(),
                participant, completed);
    }

    /**
     * The account row, if the actor may be in its workspace (the access module decides: its users; a staff user in
     * advisor mode there, while they may use it); else 404.
     */
    private AccountRow row(Actor actor, long accountId) {
        access.requireWorkspace(actor, accountId);
        return accounts.find(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
    }

    /** The quick-start gate, enforced for every workspace route except the quick-start ones: 403 while it is closed. */
    @Transactional(readOnly = true)
    public Workspace requireOpen(Actor actor, long accountId) {
        Workspace w = enter(actor, accountId);
        if (!w.open()) {
            throw new ForbiddenException("The full workspace opens once 80 % of the team have completed the diagnostic.");
        }
        return w;
    }

    @Transactional(readOnly = true)
    public DiagnosticView diagnostic(Actor actor, long accountId) {
        AccountRow a = row(actor, accountId);
        return diagnostic.forWorkspace(a, false);
    }

    @Transactional(readOnly = true)
    public QuestionnaireView questionnaire(Actor actor, long accountId) {
        AccountRow a = row(actor, accountId);
        return diagnostic.questionnaire(a, actor.userId());
    }

    /** A participant submits the diagnostic (advisers in advisor mode are not participants). */
    @Transactional
    public void submitDiagnostic(Actor actor, long accountId, Map<String, String> answers) {
        AccountRow a = row(actor, accountId);
        diagnostic.submit(a, actor.userId(), answers);
    }

    /** The account's users, for its administrator (and an adviser in advisor mode); needs the gate open. */
    @Transactional(readOnly = true)
    public List<MemberView> users(Actor actor, long accountId) {
        Workspace w = requireOpen(actor, accountId);
        if (!w.admin()) {
            throw new ForbiddenException("Only the account's administrator manages its users.");
        }
        return partner.members(row(actor, accountId));
    }

    /** Records an action an adviser took in advisor mode ("<adviser> acting in <account>: <what>"); nothing for members. */
    @Transactional
    public void record(Actor actor, long accountId, String what) {
        if (actor.type().isBusiness()) {
            return;
        }
        AccountRow a = row(actor, accountId);
        advisorMode.acted(actor, a.id(), a.name(), what);
    }
}
