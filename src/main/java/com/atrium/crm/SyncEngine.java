package com.atrium.crm;

import com.atrium.audit.AuditTrail;
import com.atrium.household.ClientForm;
import com.atrium.household.ClientStatus;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyChanged;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonForm;
import com.atrium.household.PersonView;
import com.atrium.household.PrimaryForm;
import com.atrium.household.Relationship;
import com.atrium.household.TeamService;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a sync: reads the CRM a page at a time, maps each record ({@link MappingRules}) and writes it in its own
 * transaction, so one bad record never stops a run and nothing of a half-read record is written. A record whose
 * content hash is unchanged since the last sync costs nothing; a local edit of a synced client clears the hash (see
 * {@link #on(FamilyChanged)}) so the next sync puts the CRM's values back. Matching is by CRM id (the link, unique
 * per integration in the database), which also makes a run that was interrupted safe to repeat.
 */
@Component
class SyncEngine {
    private static final Logger log = LoggerFactory.getLogger(SyncEngine.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntegrationRepository integrations;
    private final SyncRepository sync;
    private final Map<CrmType, CrmConnector> connectors;
    private final HouseholdService households;
    private final FamilyService family;
    private final TeamService team;
    private final PracticeService practice;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    /** One record inside a batch's transaction: a savepoint, so a record that fails leaves nothing and the batch goes on. */
    private final TransactionTemplate record;
    /** Records written per transaction: one commit (and one chain-head lock, one cache notification) per batch. */
    static final int RECORDS_PER_TRANSACTION = 200;
    private final Clock clock;
    private final int pageSize;
    private final Duration staleAfter;
    private final java.util.concurrent.atomic.AtomicLong readingNanos = new java.util.concurrent.atomic.AtomicLong();
    /** Reads the next page of a run while the current one is written. */
    private final ExecutorService reader = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "crm-read");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "crm-sync");
        t.setDaemon(true);
        return t;
    });

    SyncEngine(IntegrationRepository integrations, SyncRepository sync, List<CrmConnector> connectors, HouseholdService households,
               FamilyService family, TeamService team, PracticeService practice, ApplicationEventPublisher events, AuditTrail audit,
               TransactionTemplate tx,
               Clock clock, @Value("${atrium.crm.page-size:200}") int pageSize,
               @Value("${atrium.crm.stale-after:PT2M}") Duration staleAfter) {
        this.integrations = integrations;
        this.sync = sync;
        this.connectors = connectors.stream().collect(Collectors.toMap(CrmConnector::type, Function.identity()));
        this.households = households;
        this.family = family;
        this.team = team;
        this.practice = practice;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
        this.record = new TransactionTemplate(tx.getTransactionManager());
        this.record.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.pageSize = pageSize;
        this.staleAfter = staleAfter;
    }

    /** A local change to a synced client's people: the next sync must compare again (and put the CRM's values back). */
    @EventListener
    void on(FamilyChanged e) {
        sync.forgetHashes(e.clientId());
    }

    /** Runs left RUNNING by a node that stopped become INTERRUPTED (at start-up, and before each new run). */
    @EventListener(ApplicationReadyEvent.class)
    void interruptStaleRuns() {
        interruptStale(staleAfter);
    }

    int interruptStale(Duration after) {
        Instant now = clock.instant();
        int n = sync.interruptStale(now.minus(after), now);
        if (n > 0) {
            log.info("{} CRM sync run(s) were interrupted by a stop of Atrium; the next run completes them", n);
        }
        return n;
    }

    /** Starts a run (the row, at once) and carries it out in the background. Empty when one is already running. */
    Optional<Long> start(IntegrationRow integration, String trigger, Long startedBy) {
        interruptStale(staleAfter);
        Optional<Long> run = tx.execute(s -> sync.startRun(integration.practiceId(), integration.id(), trigger, startedBy, clock.instant()));
        run.ifPresent(id -> {
            published(integration, startedBy, "CRM_SYNC_STARTED", "Run " + id + " (" + trigger.toLowerCase(Locale.ROOT) + ")");
            executor.submit(() -> execute(id, integration.id()));
        });
        return run;
    }

    /** Starts and carries out a run in the caller's thread (the hourly job; tests). Empty when one is already running. */
    Optional<Long> runNow(IntegrationRow integration, String trigger, Long startedBy) {
        interruptStale(staleAfter);
        Optional<Long> run = tx.execute(s -> sync.startRun(integration.practiceId(), integration.id(), trigger, startedBy, clock.instant()));
        run.ifPresent(id -> {
            published(integration, startedBy, "CRM_SYNC_STARTED", "Run " + id + " (" + trigger.toLowerCase(Locale.ROOT) + ")");
            execute(id, integration.id());
        });
        return run;
    }

    private void published(IntegrationRow i, Long by, String action, String after) {
        tx.executeWithoutResult(s -> events.publishEvent(new IntegrationChanged(i.practiceId(), by, i.id(), action,
                "Integration \u201c" + i.name() + "\u201d", after)));
    }

    private static final int CREATED = 0;
    private static final int UPDATED = 1;
    private static final int UNCHANGED = 2;
    private static final int SKIPPED = 3;
    private static final int FAILED = 4;

    void execute(long runId, long integrationId) {
        IntegrationRow integration = integrations.findAny(integrationId).orElse(null);
        if (integration == null) {
            return;
        }
        int[] counts = new int[5];
        int processed = 0;
        Integer total = null;
        long started = System.nanoTime();
        long readNanos = 0;
        java.util.concurrent.Future<CrmConnector.ClientPage> next = null;
        try {
            Actor actor = actingUser(integration);
            CrmConnector.Session session = connectors.get(integration.type()).open(integration);
            Map<String, CrmConnector.Adviser> advisers = session.advisers();
            Map<String, StaffView> staff = practice.staff(actor).stream()
                    .collect(Collectors.toMap(s -> s.email().toLowerCase(Locale.ROOT), s -> s, (a, b) -> a));
            long estimate = Math.max(sync.countLinks(integrationId), previousTotal(integrationId, runId));
            total = estimate == 0 ? null : (int) estimate;
            LocalDate today = LocalDate.now(clock);
            FirstProfessional firstProfessional = new FirstProfessional(integration.practiceId());
            // Every link's content hash, read once (one narrow statement): a page's unchanged records are told in memory.
            // A local edit made while this run goes on (it clears the hash) is put right by the next run; a CRM id linked
            // meanwhile by someone else makes its creation here fail on the unique link, with the reason.
            Map<String, SyncRepository.LinkHash> known = sync.linkHashes(integrationId);
            // the next page is read while this one is written (one page ahead: at most two pages in memory)
            next = read(session, null);
            do {
                long f0 = System.nanoTime();
                CrmConnector.ClientPage page = await(next);
                readNanos += System.nanoTime() - f0;
                next = page.nextBookmark() == null ? null : read(session, page.nextBookmark());
                Map<String, SyncRepository.LinkHash> links = new java.util.HashMap<>();
                page.records().forEach(r -> {
                    SyncRepository.LinkHash h = known.remove(r.externalId());
                    if (h != null) {
                        links.put(r.externalId(), h);
                    }
                });
                List<CrmConnector.Record> records = page.records();
                for (int from = 0; from < records.size(); from += RECORDS_PER_TRANSACTION) {
                    List<CrmConnector.Record> batch = records.subList(from, Math.min(records.size(), from + RECORDS_PER_TRANSACTION));
                    int[] outcomes = new int[batch.size()];
                    tx.executeWithoutResult(s -> writeChunk(runId, integration, actor, staff, advisers, batch, links, today, outcomes,
                            firstProfessional));
                    for (int outcome : outcomes) {
                        counts[outcome]++;
                        processed++;
                    }
                }
                if (total != null && processed > total) {
                    total = processed;
                }
                int p = processed;
                Integer t = total;
                tx.executeWithoutResult(s -> sync.progress(runId, t, p, counts, clock.instant()));
            } while (next != null && !Thread.currentThread().isInterrupted());
            int p = processed;
            log.info("CRM sync run {}: {} records in {} ms; the CRM was read in {} ms (in the background), waited for {} ms", runId, p,
                    (System.nanoTime() - started) / 1_000_000, readingNanos.getAndSet(0) / 1_000_000, readNanos / 1_000_000);
            tx.executeWithoutResult(s -> {
                sync.progress(runId, p, p, counts, clock.instant());
                String summary = summary(counts);
                sync.finish(runId, SyncStatus.SUCCEEDED, summary, clock.instant());
                events.publishEvent(new IntegrationChanged(integration.practiceId(), null, integrationId, "CRM_SYNC_FINISHED",
                        "Run " + runId, summary));
            });
        } catch (CrmUnavailableException | NotFoundException | InvalidInputException e) {
            fail(integration, runId, processed, total, counts, e.getMessage());
        } catch (RuntimeException e) {
            log.error("CRM sync run {} failed", runId, e);
            fail(integration, runId, processed, total, counts, "Unexpected error: " + e.getClass().getSimpleName());
        } finally {
            if (next != null) {
                next.cancel(true);
            }
        }
    }

    private java.util.concurrent.Future<CrmConnector.ClientPage> read(CrmConnector.Session session, String bookmark) {
        return reader.submit(() -> {
            long t0 = System.nanoTime();
            try {
                return session.clients(bookmark, pageSize);
            } finally {
                readingNanos.addAndGet(System.nanoTime() - t0);
            }
        });
    }

    /** The page read in the background, or what stopped it (as it was thrown). */
    private static CrmConnector.ClientPage await(java.util.concurrent.Future<CrmConnector.ClientPage> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            page.cancel(true);
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("The sync was stopped.");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void fail(IntegrationRow integration, long runId, int processed, Integer total, int[] counts, String reason) {
        tx.executeWithoutResult(s -> {
            sync.progress(runId, total, processed, counts, clock.instant());
            sync.finish(runId, SyncStatus.FAILED, reason, clock.instant());
            events.publishEvent(new IntegrationChanged(integration.practiceId(), null, integration.id(), "CRM_SYNC_FAILED",
                    "Run " + runId, reason));
        });
    }

    private long previousTotal(long integrationId, long runId) {
        return sync.runs(integrationId, 5).stream().filter(r -> r.id() != runId && r.status() == SyncStatus.SUCCEEDED)
                .mapToLong(SyncRunView::processed).findFirst().orElse(0);
    }

    /** The practice manager who connected the integration: the sync acts in their name (as the audit trail shows). */
    private Actor actingUser(IntegrationRow integration) {
        Actor actor = integration.connectedBy() == null ? null : practice.actor(integration.connectedBy()).orElse(null);
        if (actor == null || !actor.practiceManager() || actor.practiceId() != integration.practiceId()) {
            throw new CrmUnavailableException("The practice manager who connected this integration is no longer a practice manager:"
                    + " a practice manager must connect it again.");
        }
        return actor;
    }

    static String summary(int[] c) {
        return c[CREATED] + " created, " + c[UPDATED] + " updated, " + c[UNCHANGED] + " unchanged, " + c[SKIPPED] + " skipped, "
                + c[FAILED] + " failed";
    }

    /** A record to create: where it is in its chunk, and what it maps to. */
    private record Pending(int index, String externalId, MappingRules.Mapped mapped, String hash) {
    }

    /**
     * One chunk of records in the caller's transaction; each one's outcome goes to {@code outcomes}. An unchanged record
     * (same content hash) costs nothing; a rejected one is a problem; changed ones are updated one by one (each under a
     * savepoint); new ones are created together ({@link #createAll}: JDBC batches, the audit entries appended at once)
     * under one savepoint, and if that fails (a record the database refuses), one by one, so that only the bad record fails.
     */
    private void writeChunk(long runId, IntegrationRow integration, Actor actor, Map<String, StaffView> staff,
                            Map<String, CrmConnector.Adviser> advisers, List<CrmConnector.Record> batch, Map<String, SyncRepository.LinkHash> links,
                            LocalDate today, int[] outcomes, FirstProfessional first) {
        // the chunk's audit entries (its records' and their history's) are appended together at its end
        audit.deferred(() -> {
            writeChunkDeferred(runId, integration, actor, staff, advisers, batch, links, today, outcomes, first);
            return null;
        });
    }

    private void writeChunkDeferred(long runId, IntegrationRow integration, Actor actor, Map<String, StaffView> staff,
                                    Map<String, CrmConnector.Adviser> advisers, List<CrmConnector.Record> batch,
                                    Map<String, SyncRepository.LinkHash> links, LocalDate today, int[] outcomes, FirstProfessional first) {
        List<Pending> creates = new ArrayList<>();
        List<Pending> updates = new ArrayList<>();
        List<SyncRepository.Problem> problems = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            CrmConnector.Record r = batch.get(i);
            SyncRepository.LinkHash link = links.get(r.externalId());
            // an unchanged record is recognised by its hash before any mapping: it costs no work and no write
            String hash = r.failure() == null ? hash(r, MappingRules.adviserKey(r, advisers)) : null;
            if (link != null && hash != null && hash.equals(link.contentHash())) {
                outcomes[i] = UNCHANGED;
                continue;
            }
            MappingRules.Mapped mapped;
            try {
                mapped = MappingRules.map(r, advisers, today);
            } catch (MappingRules.Rejected e) {
                problems.add(new SyncRepository.Problem(r.externalId(), e.failed ? "FAILED" : "SKIPPED", e.getMessage()));
                outcomes[i] = e.failed ? FAILED : SKIPPED;
                continue;
            }
            if (link == null) {
                creates.add(new Pending(i, r.externalId(), mapped, hash));
            } else {
                updates.add(new Pending(i, r.externalId(), mapped, hash));
            }
        }
        sync.problems(runId, problems);
        if (!updates.isEmpty()) {
            // what the changed records are compared with, read for all of them at once
            Map<String, SyncRepository.Link> full = sync.linksByExternalId(integration.id(),
                    updates.stream().map(Pending::externalId).toList());
            Map<Long, HouseholdService.SyncState> states = households.syncStates(actor,
                    full.values().stream().map(SyncRepository.Link::householdId).toList());
            for (Pending u : updates) {
                SyncRepository.Link link = full.get(u.externalId());
                HouseholdService.SyncState state = link == null ? null : states.get(link.householdId());
                outcomes[u.index()] = state == null ? notFound(runId, u.externalId())
                        : writeOne(runId, integration, actor, staff, u.mapped(), u.externalId(), link, u.hash(), first, state);
            }
        }
        if (creates.size() > 1) {
            try {
                record.executeWithoutResult(s -> audit.deferred(() -> {
                    createAll(runId, integration, actor, staff, creates, outcomes, first);
                    return null;
                }));
                return;
            } catch (RuntimeException e) {
                log.info("CRM sync run {}: a chunk of {} new clients could not be written together ({}); writing them one by one", runId,
                        creates.size(), e.toString());
            }
        }
        for (Pending p : creates) {
            outcomes[p.index()] = writeOne(runId, integration, actor, staff, p.mapped(), p.externalId(), null, p.hash(), first, null);
        }
    }

    /**
     * New clients together: their households through {@link HouseholdService#createImportedAll} (one primary each, by the
     * adviser rule, registered with the access module), their links and policies as JDBC batches, one
     * {@code XPLAN_CLIENT_CREATED} history entry each. A client the household module refuses fails alone with the reason.
     */
    private void createAll(long runId, IntegrationRow integration, Actor actor, Map<String, StaffView> staff, List<Pending> creates,
                           int[] outcomes, FirstProfessional first) {
        List<ClientForm> forms = new ArrayList<>();
        List<List<String>> notes = new ArrayList<>();
        for (Pending pending : creates) {
            MappingRules.Mapped m = pending.mapped();
            List<String> mine = new ArrayList<>(m.notCopied());
            long primary = primaryFor(integration.practiceId(), m.profile(), staff, mine, null, first);
            MappingRules.Person p = m.person();
            forms.add(new ClientForm(null, ClientStatus.ACTIVE, primary, List.of(new PersonForm(p.firstName(), p.middleName(), p.lastName(),
                    p.dateOfBirth(), p.email(), p.mobile(), Relationship.HOLDER)), ClientForm.NO_WORKGROUP));
            notes.add(mine);
        }
        List<HouseholdService.Imported> made = households.createImportedAll(actor, forms);
        List<SyncRepository.NewLink> newLinks = new ArrayList<>();
        List<SyncRepository.NewPolicy> policies = new ArrayList<>();
        List<SyncRepository.Problem> problems = new ArrayList<>();
        for (int k = 0; k < creates.size(); k++) {
            Pending pending = creates.get(k);
            HouseholdService.Imported im = made.get(k);
            if (im.refused() != null) {
                problems.add(new SyncRepository.Problem(pending.externalId(), "FAILED", "Atrium refused the values: " + why(im.refused())));
                outcomes[pending.index()] = FAILED;
                continue;
            }
            MappingRules.Mapped m = pending.mapped();
            newLinks.add(new SyncRepository.NewLink(pending.externalId(), im.clientId(), im.personIds().get(0), pending.hash(), m.profile()));
            m.policies().forEach(pol -> policies.add(new SyncRepository.NewPolicy(im.clientId(), pol)));
            events.publishEvent(new ClientSynced(integration.practiceId(), actor.userId(), im.clientId(), "XPLAN_CLIENT_CREATED", null,
                    "From " + integration.name() + ", Xplan id " + pending.externalId() + ": " + describe(m)));
            notes.get(k).forEach(n -> problems.add(new SyncRepository.Problem(pending.externalId(), "NOT_COPIED", n)));
            outcomes[pending.index()] = CREATED;
        }
        sync.insertSyncedLinks(integration.practiceId(), integration.id(), newLinks, clock.instant());
        sync.insertPolicies(integration.practiceId(), integration.id(), policies);
        sync.problems(runId, problems);
    }

    private static String why(InvalidInputException e) {
        return e.fieldErrors().isEmpty() ? e.getMessage() : String.join("; ", e.fieldErrors().values());
    }

    /** One record under its own savepoint (an update, or a new client when they could not be created together). */
    private int notFound(long runId, String extId) {
        sync.problem(runId, extId, "FAILED", "could not be written (NotFoundException)");
        return FAILED;
    }

    private int writeOne(long runId, IntegrationRow integration, Actor actor, Map<String, StaffView> staff, MappingRules.Mapped mapped,
                         String extId, SyncRepository.Link link, String hash, FirstProfessional first, HouseholdService.SyncState state) {
        try {
            // under its savepoint, its audit entries with it: a record that fails leaves neither
            Integer outcome = record.execute(s -> audit.deferred(() -> link == null
                    ? create(runId, integration, actor, staff, mapped, extId, hash, first)
                    : update(runId, integration, actor, staff, mapped, link, hash, first, state)));
            return outcome == null ? FAILED : outcome;
        } catch (InvalidInputException e) {
            sync.problem(runId, extId, "FAILED", "Atrium refused the values: " + why(e));
            return FAILED;
        } catch (RuntimeException e) {
            log.warn("CRM record {} of integration {} failed", extId, integration.id(), e);
            sync.problem(runId, extId, "FAILED", "could not be written (" + e.getClass().getSimpleName() + ")");
            return FAILED;
        }
    }

    /** The practice's first Professional, read once per run (the primary of a new client whose adviser is not one). */
    private final class FirstProfessional {
        private final long practiceId;
        private StaffView found;

        FirstProfessional(long practiceId) {
            this.practiceId = practiceId;
        }

        StaffView get() {
            if (found == null) {
                found = practice.firstProfessional(practiceId)
                        .orElseThrow(() -> new InvalidInputException("The practice has no active Professional to be primary professional."));
            }
            return found;
        }
    }

    private int create(long runId, IntegrationRow integration, Actor actor, Map<String, StaffView> staff, MappingRules.Mapped m,
                       String extId, String hash, FirstProfessional first) {
        List<String> notes = new ArrayList<>(m.notCopied());
        long primary = primaryFor(integration.practiceId(), m.profile(), staff, notes, null, first);
        MappingRules.Person p = m.person();
        ClientView client = households.createImported(actor, new ClientForm(null, ClientStatus.ACTIVE, primary,
                List.of(new PersonForm(p.firstName(), p.middleName(), p.lastName(), p.dateOfBirth(), p.email(), p.mobile(),
                        Relationship.HOLDER)), ClientForm.NO_WORKGROUP));
        long personId = client.people().get(0).id();
        if (!sync.insertSyncedLink(integration.practiceId(), integration.id(), extId, client.id(), personId, clock.instant())) {
            throw new IllegalStateException("CRM id " + extId + " was linked by another run meanwhile");
        }
        SyncRepository.Link link = sync.link(integration.id(), extId).orElseThrow();
        sync.updateLink(link.id(), personId, hash, m.profile(), clock.instant());
        sync.replacePolicies(integration.practiceId(), integration.id(), client.id(), m.policies());
        events.publishEvent(new ClientSynced(integration.practiceId(), actor.userId(), client.id(), "XPLAN_CLIENT_CREATED", null,
                "From " + integration.name() + ", Xplan id " + extId + ": " + describe(m) ));
        notes.forEach(n -> sync.problem(runId, extId, "NOT_COPIED", n));
        return CREATED;
    }

    private int update(long runId, IntegrationRow integration, Actor actor, Map<String, StaffView> staff, MappingRules.Mapped m,
                       SyncRepository.Link link, String hash, FirstProfessional first, HouseholdService.SyncState state) {
        List<String> notes = new ArrayList<>(m.notCopied());
        HouseholdService.SyncState client = state != null ? state : households.syncStates(actor, List.of(link.householdId()))
                .get(link.householdId());
        if (client == null) {
            throw new NotFoundException("Client");
        }
        PersonView person = client.people().stream().filter(x -> link.personId() != null && x.id() == link.personId()).findFirst()
                .or(() -> client.people().stream().filter(x -> x.relationship() == Relationship.HOLDER).findFirst())
                .orElseThrow(() -> new NotFoundException("Person"));
        MappingRules.Person p = m.person();
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        diff("first name", person.firstName(), p.firstName(), before, after);
        diff("middle name", person.middleName(), p.middleName(), before, after);
        diff("last name", person.lastName(), p.lastName(), before, after);
        if (p.dateOfBirth() != null) {
            diff("date of birth", person.dateOfBirth(), p.dateOfBirth(), before, after);
        }
        diff("email", person.email(), p.email(), before, after);
        diff("mobile", person.mobile(), p.mobile(), before, after);
        if (!after.isEmpty()) {
            family.updatePerson(actor, client.clientId(), person.id(), new FamilyPersonForm(p.firstName(), p.middleName() == null ? "" : p.middleName(),
                    p.lastName(), p.dateOfBirth(), p.email() == null ? "" : p.email(), p.mobile() == null ? "" : p.mobile(), null, null, null,
                    null));
        }
        long currentPrimary = client.primaryProfessionalId();
        long primary = primaryFor(integration.practiceId(), m.profile(), staff, notes, currentPrimary, first);
        if (primary != currentPrimary) {
            team.handOver(actor, client.clientId(), new PrimaryForm(primary, true));
            before.add("primary professional " + staff.values().stream().filter(s -> s.id() == currentPrimary).map(StaffView::name)
                    .findFirst().orElse("#" + currentPrimary));
            after.add("primary professional " + staff.values().stream().filter(s -> s.id() == primary).map(StaffView::name).findFirst()
                    .orElse("#" + primary));
        }
        SyncedProfile old = new SyncedProfile(link.title(), link.sex(), link.addressLine1(), link.addressLine2(), link.suburb(),
                link.postcode(), link.state(), link.countryCode(), link.adviserName(), link.adviserEmail());
        boolean profileChanged = !old.equals(m.profile());
        sync.updateLink(link.id(), person.id(), hash, m.profile(), clock.instant());
        sync.replacePolicies(integration.practiceId(), integration.id(), client.clientId(), m.policies());
        if (!after.isEmpty()) {
            events.publishEvent(new ClientSynced(integration.practiceId(), actor.userId(), client.clientId(), "XPLAN_SYNC_REPLACED",
                    String.join("; ", before), String.join("; ", after) + " (from " + integration.name() + ", Xplan is the master)"));
        }
        notes.forEach(n -> sync.problem(runId, link.externalId(), "NOT_COPIED", n));
        return after.isEmpty() && !profileChanged && link.contentHash() != null ? UNCHANGED : UPDATED;
    }

    /**
     * The primary professional for a CRM client: its CRM adviser when that is (by email) an active Professional of the
     * practice; otherwise the current primary (an existing client) or the practice's first Professional (a new one),
     * with the reason noted.
     */
    private long primaryFor(long practiceId, SyncedProfile profile, Map<String, StaffView> staff, List<String> notes, Long current,
                            FirstProfessional firstProfessional) {
        String email = profile.adviserEmail();
        StaffView adviser = email == null ? null : staff.get(email);
        if (adviser != null && adviser.type() == UserType.PROFESSIONAL && adviser.active()) {
            return adviser.id();
        }
        String why;
        if (email == null) {
            why = "no adviser in Xplan";
        } else if (adviser == null) {
            why = "adviser " + email + " is not a staff user of the practice";
        } else if (!adviser.active()) {
            why = "adviser " + adviser.name() + " is disabled";
        } else {
            why = "adviser " + adviser.name() + " is " + adviser.type().label() + ", not a Professional";
        }
        if (current != null && current > 0) {
            notes.add(why + ": primary professional left as it is");
            return current;
        }
        StaffView first = firstProfessional.get();
        notes.add(why + ": " + first.name() + " (the practice's first Professional) is primary professional");
        return first.id();
    }

    private static void diff(String what, Object current, Object wanted, List<String> before, List<String> after) {
        if (!Objects.equals(current, wanted)) {
            before.add(what + " " + (current == null ? "—" : current));
            after.add(what + " " + (wanted == null ? "—" : wanted));
        }
    }

    private static String describe(MappingRules.Mapped m) {
        MappingRules.Person p = m.person();
        return (m.profile().title() == null ? "" : m.profile().title() + " ") + p.firstName()
                + (p.middleName() == null ? "" : " " + p.middleName()) + " " + p.lastName()
                + (m.policies().isEmpty() ? "" : ", " + m.policies().size() + " insurance polic" + (m.policies().size() == 1 ? "y" : "ies"));
    }

    /** SHA-256 of what the CRM sent for the record and of its adviser: equal hashes mean nothing to do. */
    private static String hash(CrmConnector.Record r, String adviserKey) {
        ObjectNode n = JSON.createObjectNode();
        n.set("f", r.fields());
        n.set("a", r.addresses());
        n.set("c", r.contacts());
        n.set("p", r.policies());
        n.put("adviser", adviserKey);
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(JSON.writeValueAsString(n).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
