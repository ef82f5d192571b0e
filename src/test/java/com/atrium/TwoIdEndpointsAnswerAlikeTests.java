package com.atrium;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.LinkForm;
import com.atrium.household.Relationship;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.inventory.DonationForm;
import com.atrium.inventory.InventoryService;
import com.atrium.inventory.WealthItemForm;
import com.atrium.outsider.OutsiderService;
import com.atrium.outsider.OutsiderTestSupport;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.workgroup.InvitationForm;
import com.atrium.workgroup.WorkgroupForm;
import com.atrium.workgroup.WorkgroupService;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Security review, finding 2 (existence oracle across practices), made impossible to reintroduce: EVERY handler whose
 * path carries two or more ids (a client and a grant, person, item, link, adviser, team member, workgroup member or
 * invitation ...) is found in the {@link RequestMappingHandlerMapping} and called, by a user of another practice, once
 * with real ids of a file of the first practice and once with ids that exist nowhere. Both must answer 404 with the same
 * body (problem details on the API, the same error page on screens): access first, then the child. A new endpoint with
 * an id this test does not know fails it until a real id is added below.
 */
@IntegrationTest
class TwoIdEndpointsAnswerAlikeTests {
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final long NOWHERE = 987_654_321L;

    @Autowired MockMvc mvc;
    @Autowired com.atrium.engagement.EngagementService engagement;
    @Autowired Fixtures fixtures;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired OutsiderService outsiders;
    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired PracticeService practice;
    @Autowired FamilyService family;
    @Autowired InventoryService inventory;
    @Autowired TeamService teams;
    @Autowired WorkgroupService workgroups;
    @Autowired com.atrium.crm.CrmService crm;
    @Autowired com.atrium.partner.PartnerService partner;
    @Autowired com.atrium.partner.GoalService goals;
    @Autowired com.atrium.partner.TaskService tasks;

    /** Real ids under a business account of the practice: the account, a user, a goal and its outcome. */
    Map<String, Long> partnerIds(TestPractice a) {
        com.atrium.partner.AccountView account = partner.create(a.adviser, new com.atrium.partner.AccountForm(Fixtures.unique("Oracle Ltd"),
                com.atrium.partner.Licence.GOALS, new com.atrium.partner.UserForm("Olga", "Oracle", Fixtures.unique("olga").toLowerCase()
                + "@oracle.example"), List.of(new com.atrium.partner.UserForm("Otto", "Oracle", Fixtures.unique("otto").toLowerCase()
                + "@oracle.example"))), null);
        com.atrium.partner.GoalView goal = goals.create(a.adviser, account.id(), new com.atrium.partner.GoalForm("Oracle goal", null, null,
                null, true, null, null, "50"));
        goal = goals.addOutcome(a.adviser, account.id(), goal.id(), "Oracle outcome", "10", "1", null);
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put("id", account.id());
        ids.put("userId", account.users().get(1).userId());
        ids.put("goalId", goal.id());
        ids.put("outcomeId", goal.outcomes().get(0).id());
        com.atrium.partner.BoardView board = tasks.createBoard(a.adviser, account.id(), "Oracle board");
        ids.put("boardId", board.id());
        ids.put("columnId", board.columns().get(0).id());
        ids.put("taskId", tasks.createTask(a.adviser, account.id(), board.id(), new com.atrium.partner.TaskForm("Oracle task", null, null,
                null, null)).id());
        return ids;
    }
    @Autowired JdbcClient jdbc;

    /** JSON bodies good enough to reach the service, by request body type (a new type fails the test until added). */
    static final Map<String, String> BODIES = Map.ofEntries(Map.entry("GoalRequest", "{\"title\":\"Probe\"}"),
            Map.entry("ConfidenceRequest", "{\"confidence\":50,\"comment\":\"Probe\"}"),
            Map.entry("MessageRequest", "{\"body\":\"Probe\"}"),
            Map.entry("OutcomeRequest", "{\"title\":\"Probe\",\"currentValue\":1}"),
            Map.entry("BoardRequest", "{\"name\":\"Probe\"}"),
            Map.entry("ColumnRequest", "{\"name\":\"Probe\"}"),
            Map.entry("TaskRequest", "{\"title\":\"Probe\"}"),
            Map.entry("MoveRequest", "{\"stage\":\"DONE\"}"),
            Map.entry("UserForm", "{\"firstName\":\"Eve\",\"lastName\":\"Probe\",\"email\":\"eve.probe2@probe.example\"}"),
            Map.entry("ExternalAdviserForm", "{\"firstName\":\"Eve\",\"lastName\":\"Probe\",\"email\":\"eve.probe@probe.example\","
                    + "\"mobile\":\"+33612345678\",\"type\":\"NOTARY\"}"),
            Map.entry("GrantChangeForm", "{\"level\":\"READ_ONLY\"}"),
            Map.entry("FamilyPersonForm", "{\"firstName\":\"Eve\"}"),
            Map.entry("RoleForm", "{\"role\":\"READ_ONLY\"}"),
            Map.entry("WealthItemForm", "{\"description\":\"Probe\"}"),
            Map.entry("DonationForm", "{\"notes\":\"Probe\"}"));
    /** Form fields for screens (unused ones are ignored), so each handler reaches its service. */
    static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("level", "READ_ONLY"), Map.entry("role", "READ_ONLY"),
            Map.entry("firstName", "Eve"), Map.entry("lastName", "Probe"), Map.entry("relationship", "OTHER"));

    record Endpoint(HttpMethod method, String pattern, HandlerMethod handler) {
        boolean portal() {
            return pattern.startsWith("/portal") || pattern.startsWith("/api/portal");
        }

        boolean api() {
            return pattern.startsWith("/api/");
        }
    }

    List<Endpoint> twoIdEndpoints() {
        List<Endpoint> result = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
            for (String pattern : e.getKey().getPatternValues()) {
                if (VARIABLE.matcher(pattern).results().count() < 2) {
                    continue;
                }
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    result.add(new Endpoint(HttpMethod.valueOf(m.name()), pattern, e.getValue()));
                }
            }
        }
        return result;
    }

    @Test
    void everyEndpointWithTwoIdsAnswersAForeignFileExactlyLikeIdsThatExistNowhere() throws Exception {
        // practice A: one file with one of every child (real ids), and a workgroup with a member and an invitation
        TestPractice a = fixtures.practice();
        ClientView c = fixtures.client(a.adviser, "Oracle");
        long holderId = person(c, Relationship.HOLDER).id();
        long spouseId = person(c, Relationship.SPOUSE).id();
        long childId = family.addPerson(a.adviser, c.id(), FamilyPersonForm.of("Nina", "Oracle", LocalDate.of(2004, 5, 6), "CHILD")).id();
        long linkId = family.addLink(a.adviser, c.id(), new LinkForm(holderId, childId, "PARENT_OF")).id();
        long itemId = inventory.addWealthItem(a.adviser, c.id(), new WealthItemForm("ASSET", "REAL_ESTATE", "Home", new BigDecimal("1000"),
                null, List.of(new WealthItemForm.OwnerForm(holderId, null)))).id();
        long donationId = inventory.addDonation(a.adviser, c.id(), new DonationForm(LocalDate.of(2020, 1, 2), holderId, childId, null,
                new BigDecimal("100"), null, "MONEY", null)).id();
        // the holder's grant: permanent, so a "can never be withdrawn" answer would tell it apart
        OutsiderTestSupport.grantWithAccount(context, a.adviser, c.id(), GrantSubject.FAMILY, holderId, AccessLevel.READ_WRITE);
        long grantId = jdbc.sql("SELECT id FROM access_grant WHERE client_id = :c AND subject_id = :s").param("c", c.id())
                .param("s", holderId).query(Long.class).single();
        long adviserId = outsiders.registerAdviser(a.adviser, c.id(), new com.atrium.outsider.ExternalAdviserForm("Jean", "Oracle",
                OutsiderTestSupport.email("adv"), "+33612345678", null, com.atrium.outsider.AdviserType.BANKER)).id();
        teams.addMember(a.manager, c.id(), new TeamMemberForm(a.otherAdviser.userId(), "ADVISER"));
        long groupId = workgroups.create(a.adviser, new WorkgroupForm("Oracle group")).id();
        long invitationId = workgroups.invite(a.adviser, groupId, new InvitationForm(a.support.userId())).id();
        workgroups.join(a.otherAdviser, workgroups.invite(a.adviser, groupId, new InvitationForm(a.otherAdviser.userId())).id());

        Map<String, Long> clientChildren = new LinkedHashMap<>();
        clientChildren.put("id", c.id());
        clientChildren.put("grantId", grantId);
        clientChildren.put("adviserId", adviserId);
        clientChildren.put("personId", spouseId);
        clientChildren.put("linkId", linkId);
        clientChildren.put("itemId", itemId);
        clientChildren.put("donationId", donationId);
        clientChildren.put("userId", a.otherAdviser.userId());
        clientChildren.put("noteId", engagement.addNote(a.adviser, c.id(), new com.atrium.engagement.NoteForm(null, "A note", null)).id());
        Map<String, Long> groupChildren = Map.of("id", groupId, "userId", a.otherAdviser.userId(), "invitationId", invitationId);
        // a CRM integration (a draft is enough) with one finished sync run
        long integrationId = crm.create(a.manager, new com.atrium.crm.NewIntegrationForm(com.atrium.crm.CrmType.XPLAN, "Oracle CRM",
                null, null, null, null, null, null)).id();
        long runId = jdbc.sql("INSERT INTO crm_sync_run (practice_id, integration_id, trigger_kind, started_by, status, started_at,"
                        + " heartbeat_at, finished_at) VALUES (:p, :i, 'MANUAL', :u, 'SUCCEEDED', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,"
                        + " CURRENT_TIMESTAMP) RETURNING id")
                .param("p", a.manager.practiceId()).param("i", integrationId).param("u", a.manager.userId()).query(Long.class).single();
        Map<String, Long> integrationChildren = Map.of("id", integrationId, "runId", runId);
        // a failed CRM file note of the file (a retry would succeed for its own practice)
        clientChildren.put("crmNoteId", jdbc.sql("""
                        INSERT INTO crm_file_note (practice_id, integration_id, household_id, external_id, guid, kind, source_id, subject, content,
                                                   status, next_attempt_at, last_error, created_at)
                        VALUES (:p, :i, :h, '1001', :g, 'CLIENT_NOTE_SENT', 1, 'Client note', 'Met.', 'FAILED', CURRENT_TIMESTAMP, 'refused',
                                CURRENT_TIMESTAMP) RETURNING id""")
                .param("p", a.manager.practiceId()).param("i", integrationId).param("h", c.id()).param("g", java.util.UUID.randomUUID())
                .query(Long.class).single());
        // a business account (partner portal) with a user, a goal with an outcome, a board with a task
        Map<String, Long> accountChildren = partnerIds(a);

        // practice B: its practice manager (staff pages and API) and a verified outsider of one of its files (portal)
        TestPractice b = fixtures.practice();
        ClientView bc = fixtures.client(b.adviser, "Elsewhere");
        Actor bOutsider = OutsiderTestSupport.grantWithAccount(context, b.adviser, bc.id(), GrantSubject.FAMILY,
                person(bc, Relationship.HOLDER).id(), AccessLevel.READ_WRITE);

        List<Endpoint> endpoints = twoIdEndpoints();
        assertThat(endpoints).as("the sweep finds every endpoint with two ids (31 when written)").hasSizeGreaterThanOrEqualTo(31);
        assertThat(endpoints).as("the sweep finds the endpoints of finding 2").extracting(Endpoint::pattern)
                .contains("/api/clients/{id}/grants/{grantId}", "/clients/{id}/family/people/{personId}", "/api/workgroups/{id}/members/{userId}");
        Set<String> unknown = new TreeSet<>();
        List<String> differences = new ArrayList<>();
        for (Endpoint e : endpoints) {
            Map<String, Long> ids = e.pattern().startsWith("/workgroups") || e.pattern().startsWith("/api/workgroups") ? groupChildren
                    : e.pattern().startsWith("/api/integrations") || e.pattern().startsWith("/settings/integrations") ? integrationChildren
                    : e.pattern().startsWith("/api/partner") || e.pattern().startsWith("/partner") || e.pattern().startsWith("/workspace")
                    ? accountChildren : clientChildren;
            Matcher m = VARIABLE.matcher(e.pattern());
            List<Object> real = new ArrayList<>();
            List<Object> nowhere = new ArrayList<>();
            int n = 0;
            while (m.find()) {
                Long id = ids.get(m.group(1));
                if (id == null) {
                    unknown.add(e.pattern() + " {" + m.group(1) + "}");
                }
                real.add(id == null ? NOWHERE : id);
                nowhere.add(NOWHERE + n++);
            }
            Actor caller = e.portal() ? bOutsider : b.manager;
            String foreign = answer(e, caller, real.toArray());
            String none = answer(e, caller, nowhere.toArray());
            String label = e.method() + " " + e.pattern();
            if (!foreign.startsWith("404 ") || !foreign.equals(none)) {
                differences.add(label + "\n   real ids of another practice -> " + foreign + "\n   ids that exist nowhere       -> " + none);
            }
        }
        assertThat(unknown).as("endpoints with an id this test has no real value for: add one").isEmpty();
        assertThat(differences).as("endpoints that tell another practice's ids from unknown ones").isEmpty();
    }

    /** "status body", the body normalised (the request path and per-request tokens removed). */
    String answer(Endpoint e, Actor caller, Object... ids) throws Exception {
        MockHttpServletRequestBuilder r = MockMvcRequestBuilders.request(e.method(), e.pattern(), ids).with(csrf())
                .with(e.portal() ? asVerifiedOutsider(caller) : as(caller));
        String body = requestBody(e.handler());
        if (body != null) {
            r.contentType(MediaType.APPLICATION_JSON).content(body);
        } else if (!e.api()) {
            FIELDS.forEach(r::param);
        }
        MockHttpServletResponse res = mvc.perform(r).andReturn().getResponse();
        String text = res.getContentAsString()
                .replaceAll("\"instance\"\\s*:\\s*\"[^\"]*\",?", "")
                .replaceAll("(name|content)=\"_csrf[^\"]*\"\\s*(value|content)?=?\"?[^\">]*\"?", "")
                .replaceAll("value=\"[A-Za-z0-9_\\-]{24,}\"", "");
        return res.getStatus() + " " + text;
    }

    static String requestBody(HandlerMethod handler) {
        for (MethodParameter p : handler.getMethodParameters()) {
            if (p.hasParameterAnnotation(RequestBody.class)) {
                String type = p.getParameterType().getSimpleName();
                String body = BODIES.get(type);
                assertThat(body).as("a sample JSON body for " + type + " (" + handler + ")").isNotNull();
                return body;
            }
        }
        return null;
    }
}
