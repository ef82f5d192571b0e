package com.atrium.crm;

import com.atrium.access.AccessService;
import com.atrium.access.Permission;
import com.atrium.access.PracticePermission;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonMatch;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.CsvImport;
import com.atrium.shared.Emails;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The crm module's API: integrations (add, check and import id mappings, configure, connect, change, delete), sync
 * runs (start, list, detail) and the insurance policies copied onto a client file. Everything about integrations
 * requires {@code MANAGE_INTEGRATIONS} (practice managers) and answers 404 for another practice's ids; a client's
 * insurance follows {@code VIEW_FILE}.
 */
@Service
public class CrmService {
    static final Map<String, List<String>> MAPPING_HEADERS = linked(
            "first name", List.of("firstname", "first", "given name"),
            "last name", List.of("lastname", "last", "surname", "family name"),
            "email", List.of("email address", "e-mail"),
            "crm id", List.of("crmid", "xplan id", "xplanid", "client id", "external id", "entity id"));

    private final IntegrationRepository integrations;
    private final SyncRepository sync;
    private final SyncEngine engine;
    private final Map<CrmType, CrmConnector> connectors;
    private final ForwardHosts hosts;
    private final CrmSecrets secrets;
    private final AccessService access;
    private final HouseholdService households;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CrmService(IntegrationRepository integrations, SyncRepository sync, SyncEngine engine, List<CrmConnector> connectors,
               ForwardHosts hosts, CrmSecrets secrets, AccessService access, HouseholdService households, ApplicationEventPublisher events,
               Clock clock) {
        this.integrations = integrations;
        this.sync = sync;
        this.engine = engine;
        this.connectors = connectors.stream().collect(Collectors.toMap(CrmConnector::type, c -> c));
        this.hosts = hosts;
        this.secrets = secrets;
        this.access = access;
        this.households = households;
        this.events = events;
        this.clock = clock;
    }

    /** Whether the actor may see integrations at all (the navigation shows the link only then). */
    public boolean canManage(Actor actor) {
        return access.check(actor, PracticePermission.MANAGE_INTEGRATIONS);
    }

    @Transactional(readOnly = true)
    public List<IntegrationView> list(Actor actor) {
        access.require(actor, PracticePermission.MANAGE_INTEGRATIONS);
        return integrations.list(actor.practiceId()).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public IntegrationView get(Actor actor, long id) {
        return view(load(actor, id));
    }

    /** Adds an integration of {@code type}; it starts as a draft, at the id-mapping check. */
    @Transactional
    public IntegrationView create(Actor actor, NewIntegrationForm form) {
        access.require(actor, PracticePermission.MANAGE_INTEGRATIONS);
        if (form.type() == null) {
            throw new InvalidInputException("type", "Choose the CRM type (XPLAN).");
        }
        String name = form.name() == null || form.name().isBlank() ? form.type().label() : form.name().trim();
        long id = integrations.insert(actor.practiceId(), form.type(), name, actor.userId(), clock.instant());
        publish(actor, id, "CRM_INTEGRATION_ADDED", null, form.type() + " integration \u201c" + name + "\u201d");
        IntegrationForm details = form.details();
        if (details.forwardHost() != null || details.appId() != null || details.clientSecret() != null
                || Boolean.TRUE.equals(details.mappingsConfirmed())) {
            return update(actor, id, details);
        }
        return get(actor, id);
    }

    /** The practice confirms that clients existing in both systems carry their CRM id (the seed's check). */
    @Transactional
    public IntegrationView confirmMappings(Actor actor, long id) {
        IntegrationRow i = lock(actor, id);
        if (!i.mappingsConfirmed()) {
            integrations.confirmMappings(id, clock.instant());
            publish(actor, id, "CRM_MAPPINGS_CONFIRMED", null, "Clients in both systems carry their CRM id ("
                    + sync.countLinks(id) + " linked)");
        }
        return get(actor, id);
    }

    /**
     * Changes the details (null fields stay as they are). Entering them after the confirmation makes the integration
     * wait for the CRM's consent; changing the host or the app id of a connected one drops its tokens (consent again).
     */
    @Transactional
    public IntegrationView update(Actor actor, long id, IntegrationForm form) {
        IntegrationRow i = lock(actor, id);
        Map<String, String> errors = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(form.mappingsConfirmed()) && !i.mappingsConfirmed()) {
            integrations.confirmMappings(id, clock.instant());
            publish(actor, id, "CRM_MAPPINGS_CONFIRMED", null, "Clients in both systems carry their CRM id");
            i = lock(actor, id);
        }
        String name = form.name() == null ? i.name() : form.name().trim();
        if (name.isBlank()) {
            errors.put("name", "Enter a name for the integration.");
        }
        if (form.authMode() != null && !form.authMode().isBlank() && !"OAUTH2".equalsIgnoreCase(form.authMode().replace(" ", "").replace(".0", ""))) {
            errors.put("authMode", "Xplan integrations authenticate with OAuth 2.0.");
        }
        String host = i.forwardHost();
        if (form.forwardHost() != null) {
            try {
                host = hosts.validate("forwardHost", form.forwardHost());
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            }
        }
        String appId = form.appId() == null ? i.appId() : form.appId().trim();
        if (form.appId() != null && appId.isBlank()) {
            errors.put("appId", "Enter the app id Iress issued for Atrium.");
        }
        String secretEnc = form.clientSecret() == null || form.clientSecret().isBlank() ? i.clientSecretEnc()
                : secrets.encrypt(form.clientSecret().trim());
        boolean enabled = form.enabled() == null ? i.enabled() : form.enabled();
        boolean detailsGiven = host != null && appId != null && !appId.isBlank() && secretEnc != null;
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The integration was not saved: please correct the highlighted fields.", errors);
        }
        if (detailsGiven && !i.mappingsConfirmed()) {
            throw new InvalidInputException("mappingsConfirmed", "First confirm that the clients that exist in both systems carry their"
                    + " CRM id (import the id mappings), or the first sync creates duplicates.");
        }
        boolean hostOrAppChanged = !Objects.equals(host, i.forwardHost()) || !Objects.equals(appId, i.appId())
                || !Objects.equals(secretEnc, i.clientSecretEnc());
        IntegrationStatus status = i.status();
        if (detailsGiven && (status == IntegrationStatus.DRAFT || hostOrAppChanged)) {
            status = IntegrationStatus.CONFIGURED;
        }
        integrations.updateDetails(id, name, host, appId, secretEnc, enabled, status, clock.instant());
        if (hostOrAppChanged && i.refreshTokenEnc() != null) {
            integrations.forgetTokens(id);
        }
        String before = describe(i.name(), i.forwardHost(), i.appId(), i.enabled());
        String after = describe(name, host, appId, enabled) + (Objects.equals(secretEnc, i.clientSecretEnc()) ? "" : ", secret replaced");
        if (!before.equals(after)) {
            publish(actor, id, "CRM_INTEGRATION_CHANGED", before, after);
        }
        return get(actor, id);
    }

    /** What deleting does, said before it is done. */
    @Transactional(readOnly = true)
    public String deletionNotice(Actor actor, long id) {
        IntegrationRow i = load(actor, id);
        return "Deleting \u201c" + i.name() + "\u201d removes its connection, its tokens, the CRM ids of " + sync.countLinks(id)
                + " clients, the " + sync.countPolicies(id) + " insurance policies copied from it and its run history."
                + " The clients themselves stay in Atrium.";
    }

    @Transactional
    public void delete(Actor actor, long id) {
        IntegrationRow i = lock(actor, id);
        String notice = deletionNotice(actor, id);
        integrations.delete(id);
        publish(actor, id, "CRM_INTEGRATION_DELETED", "Integration \u201c" + i.name() + "\u201d (" + i.forwardHost() + ")", notice);
    }

    /** After the consent: asks the CRM who the tokens act as and marks the integration connected. */
    @Transactional
    public IntegrationView connected(Actor actor, long id) {
        IntegrationRow i = lock(actor, id);
        if (i.refreshTokenEnc() == null && i.accessTokenEnc() == null) {
            throw new ConflictException("Xplan did not hand out tokens: connect again.");
        }
        String who = connectors.get(i.type()).open(i).whoAmI();
        integrations.connected(id, who, actor.userId(), clock.instant());
        publish(actor, id, "CRM_INTEGRATION_CONNECTED", null, "Connected to " + i.forwardHost() + " as " + who);
        return get(actor, id);
    }

    /** Records that the CRM's consent was refused (nothing else changes). */
    @Transactional
    public void consentRefused(Actor actor, long id, String error) {
        load(actor, id);
        publish(actor, id, "CRM_CONSENT_REFUSED", null, "Xplan answered " + error);
    }

    // ------------------------------------------------------------------ id mappings

    @Transactional(readOnly = true)
    public MappingCheck mappingCheck(Actor actor, long id) {
        load(actor, id);
        long clients = households.countVisible(actor);
        long linked = sync.countLinks(id);
        return new MappingCheck(clients, linked, Math.max(0, clients - linked));
    }

    /**
     * Imports CRM ids for existing clients from a CSV (first name, last name, email, CRM id): every line is checked
     * (the email must belong to exactly one client of the practice, under that name; no CRM id or client twice; nothing
     * that contradicts a link already made), then, when there is no error at all and this is no dry run, all links are
     * made in this one transaction.
     */
    @Transactional
    public MappingPreview importMappings(Actor actor, long id, String csv, boolean dryRun) {
        IntegrationRow integration = lock(actor, id);
        List<CsvImport.Line> lines = CsvImport.parse("file", csv, MAPPING_HEADERS);
        Set<String> emails = new HashSet<>();
        for (CsvImport.Line l : lines) {
            String e = l.get("email");
            if (e != null) {
                emails.add(e.trim().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, List<PersonMatch>> byEmail = households.personsByEmail(actor, emails).stream()
                .collect(Collectors.groupingBy(PersonMatch::email));
        Map<String, SyncRepository.Link> existingByCrmId = sync.linksByExternalId(id, lines.stream().map(l -> l.get("crm id"))
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        Map<Long, String> existingByClient = sync.householdsLinked(id, byEmail.values().stream().flatMap(List::stream)
                .map(PersonMatch::clientId).collect(Collectors.toSet()));
        Map<String, Integer> seenCrm = new HashMap<>();
        Map<Long, Integer> seenClient = new HashMap<>();
        CsvImport.Preview<MappingPreview.Row> preview = CsvImport.validate(lines, l -> {
            Map<String, String> errors = new LinkedHashMap<>();
            String first = l.get("first name");
            String last = l.get("last name");
            String crmId = l.get("crm id");
            String email = null;
            if (first == null) {
                errors.put("first", "the first name is missing");
            }
            if (last == null) {
                errors.put("last", "the last name is missing");
            }
            if (crmId == null) {
                errors.put("crm", "the CRM id is missing");
            } else if (!crmId.matches("[A-Za-z0-9_.:-]{1,64}")) {
                errors.put("crm", "the CRM id \"" + crmId + "\" is not an id (letters, digits, - _ . :, at most 64)");
            }
            try {
                email = l.get("email") == null ? null : Emails.normalise("email", l.get("email"));
            } catch (InvalidInputException e) {
                errors.put("email", "\"" + l.get("email") + "\" is not an email address");
            }
            if (l.get("email") == null) {
                errors.put("email", "the email is missing");
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException("line", errors);
            }
            String mail = email;
            List<PersonMatch> matches = byEmail.getOrDefault(mail, List.of());
            Set<Long> clients = matches.stream().map(PersonMatch::clientId).collect(Collectors.toSet());
            if (clients.isEmpty()) {
                throw new InvalidInputException("No client of the practice has the email " + mail + ".");
            }
            if (clients.size() > 1) {
                throw new InvalidInputException("The email " + mail + " belongs to " + clients.size()
                        + " clients: link these by hand (Atrium never guesses).");
            }
            String f = first;
            String la = last;
            PersonMatch m = matches.stream().filter(x -> x.firstName().equalsIgnoreCase(f) && x.lastName().equalsIgnoreCase(la)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("The email " + mail + " belongs to " + matches.get(0).firstName() + " "
                            + matches.get(0).lastName() + ", not " + f + " " + la + "."));
            Integer otherLine = seenCrm.putIfAbsent(crmId, l.number());
            if (otherLine != null) {
                throw new InvalidInputException("CRM id " + crmId + " is also on line " + otherLine + ".");
            }
            Integer otherClient = seenClient.putIfAbsent(m.clientId(), l.number());
            if (otherClient != null) {
                throw new InvalidInputException("This client is also on line " + otherClient + ".");
            }
            SyncRepository.Link existing = existingByCrmId.get(crmId);
            if (existing != null && existing.householdId() != m.clientId()) {
                throw new InvalidInputException("CRM id " + crmId + " is already the id of another client in this integration.");
            }
            String clientHas = existingByClient.get(m.clientId());
            if (clientHas != null && !clientHas.equals(crmId)) {
                throw new InvalidInputException(m.firstName() + " " + m.lastName() + "'s client already has CRM id " + clientHas + ".");
            }
            return new MappingPreview.Row(l.number(), crmId, m.clientId(), m.firstName() + " " + m.lastName(), mail, existing != null);
        });
        int fresh = (int) preview.rows().stream().filter(r -> !r.alreadyLinked()).count();
        if (!preview.ok() || dryRun) {
            return new MappingPreview(preview.rows(), preview.errors(), false, fresh);
        }
        Instant now = clock.instant();
        Map<Long, Long> personOf = byEmail.values().stream().flatMap(List::stream)
                .collect(Collectors.toMap(PersonMatch::clientId, PersonMatch::personId, (a, b) -> a));
        for (MappingPreview.Row r : preview.rows()) {
            if (!r.alreadyLinked()) {
                sync.insertImportedLink(integration.practiceId(), id, r.crmId(), r.clientId(), personOf.get(r.clientId()), now);
            }
        }
        publish(actor, id, "CRM_ID_MAPPINGS_IMPORTED", null, fresh + " client(s) linked to their CRM id ("
                + (preview.rows().size() - fresh) + " already linked)");
        return new MappingPreview(preview.rows(), List.of(), true, fresh);
    }

    // ------------------------------------------------------------------ runs

    /** Starts a sync now (it runs in the background); a second start while one runs is refused with the reason. */
    public SyncRunView startRun(Actor actor, long id) {
        IntegrationRow i = load(actor, id);
        if (!i.connected()) {
            throw new ConflictException("\u201c" + i.name() + "\u201d is not connected yet: give Xplan's consent first.");
        }
        if (!i.enabled()) {
            throw new ConflictException("\u201c" + i.name() + "\u201d is disabled: enable it to sync.");
        }
        long runId = engine.start(i, "MANUAL", actor.userId())
                .orElseThrow(() -> new ConflictException("A sync of \u201c" + i.name() + "\u201d is already running: wait for it to finish."));
        return run(actor, id, runId);
    }

    @Transactional(readOnly = true)
    public List<SyncRunView> runs(Actor actor, long id) {
        load(actor, id);
        return sync.runs(id, 50);
    }

    @Transactional(readOnly = true)
    public SyncRunView run(Actor actor, long id, long runId) {
        load(actor, id);
        return sync.run(id, runId, true).orElseThrow(() -> new NotFoundException("Sync run"));
    }

    // ------------------------------------------------------------------ the client file

    /** The insurance policies the CRM holds for a client (read-only in Atrium), with the CRM-owned profile values. */
    @Transactional(readOnly = true)
    public InsuranceView insurance(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        LocalDate today = LocalDate.now(clock);
        List<PolicyView> policies = sync.policies(actor.practiceId(), clientId).stream()
                .map(p -> new PolicyView(p.externalId(), p.integrationName(), p.insuranceType(), p.insurer(), p.planName(), p.cover(),
                        p.premium(), p.frequency(), p.policyNumber(), p.status(), p.renewalDate(),
                        MappingRules.endYear(p.renewalDate(), today)))
                .toList();
        List<InsuranceView.Source> sources = new ArrayList<>();
        Map<Long, String> names = integrations.list(actor.practiceId()).stream()
                .collect(Collectors.toMap(IntegrationRow::id, IntegrationRow::name));
        for (SyncRepository.Link l : sync.linksOfHousehold(actor.practiceId(), clientId)) {
            sources.add(new InsuranceView.Source(names.getOrDefault(l.integrationId(), "CRM"), l.externalId(), l.syncedAt(), l.title(), l.sex(),
                    l.addressLine1(), l.addressLine2(), l.suburb(), l.postcode(), l.state(), l.countryCode(), l.adviserName(),
                    l.adviserEmail()));
        }
        return new InsuranceView(clientId, sources, policies);
    }

    // ------------------------------------------------------------------ helpers

    IntegrationRow load(Actor actor, long id) {
        access.require(actor, PracticePermission.MANAGE_INTEGRATIONS);
        return integrations.find(actor.practiceId(), id).orElseThrow(() -> new NotFoundException("Integration"));
    }

    private IntegrationRow lock(Actor actor, long id) {
        access.require(actor, PracticePermission.MANAGE_INTEGRATIONS);
        return integrations.lock(actor.practiceId(), id).orElseThrow(() -> new NotFoundException("Integration"));
    }

    private IntegrationView view(IntegrationRow i) {
        SyncRunView last = sync.runs(i.id(), 1).stream().findFirst().orElse(null);
        return new IntegrationView(i.id(), i.type(), i.name(), "OAuth 2.0", i.forwardHost(), i.appId(), i.clientSecretEnc() != null,
                i.enabled(), i.status(), i.mappingsConfirmed(), i.connectedAs(), i.connectedAt(), i.createdAt(), last,
                i.status() == IntegrationStatus.DRAFT ? null : "/oauth2/authorization/" + i.registrationId());
    }

    private void publish(Actor actor, long id, String action, String before, String after) {
        events.publishEvent(new IntegrationChanged(actor.practiceId(), actor.userId(), id, action, before, after));
    }

    private static String describe(String name, String host, String appId, boolean enabled) {
        return "\u201c" + name + "\u201d, host " + (host == null ? "—" : host) + ", app id " + (appId == null ? "—" : appId)
                + (enabled ? ", enabled" : ", disabled");
    }

    private static Map<String, List<String>> linked(Object... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> v = (List<String>) kv[i + 1];
            m.put((String) kv[i], v);
        }
        return m;
    }
}
