package com.atrium;

import static com.atrium.practice.TestLogins.as;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.practice.Practice;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Enforcement everywhere: every client endpoint (JSON and pages) x every kind of actor, with the expected
 * answer, from ONE table. {@link #everyClientEndpointHasARow()} reads the handler mappings of the running
 * application, so adding an endpoint under /clients or /api/clients without a row here fails the build.
 * <p>
 * How to add a row: add a line to {@link #TABLE} (method, path exactly as mapped, one expectation per actor
 * column) and a request for it in {@link #requests()}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientEndpointMatrixTests {

    /** The kinds of actor, in the order of the table's columns. */
    enum Kind {
        MANAGER,            // practice manager of the client's practice (a Professional, not on the team)
        PRIMARY,            // the client's primary professional
        ADVISER,            // team member as Adviser (a Professional)
        PARAPLANNER,        // team member as Paraplanner (a Professional)
        ADMINISTRATOR,      // team member as Administrator (Support staff)
        READ_ONLY,          // team member as Read-only (an Assistant)
        OTHER_PROFESSIONAL, // a Professional of the practice without a path to the client
        SUPPORT,            // Support staff of the practice without a path
        ASSISTANT,          // an Assistant of the practice without a path
        OTHER_PRACTICE,     // practice manager of another practice
        ANONYMOUS,          // not logged in
        // outsiders (logged in with password and mobile code). A row without these columns expects 403 for all of
        // them: outsiders never reach a staff page or API, whatever their grant; they work through /portal.
        HOLDER,             // the holder, read-write grant
        CO_HOLDER,          // a co-holder, read-only grant
        FAMILY_RO,          // a family member (spouse), read-only
        FAMILY_RW,          // a family member (child), read-write
        ADVISER_RO,         // an external adviser, read-only
        ADVISER_RW,         // an external adviser, read-write
        EXPIRED             // a family member whose read-write grant expired yesterday
    }

    /** The outsider kinds (columns that may be left out of a row: then 403 each). */
    static final Set<Kind> OUTSIDERS = java.util.EnumSet.range(Kind.HOLDER, Kind.EXPIRED);

    /**
     * Expected answers. "200+" = 200 and the matrix client is in the list; "200-" = 200 and it is not.
     * A 302 for ANONYMOUS is the redirect to the login page; for anyone else, the success redirect of a form.
     */
    static final String TABLE = """
            # method path                                        MGR  PRI  ADV  PARA ADMIN RO   PRO  SUP  ASST OTHER ANON  [HOLD COHOLD FAMRO FAMRW ADVRO ADVRW EXPIRED]
            GET    /api/clients                                  200+ 200+ 200+ 200+ 200+  200+ 200- 200- 200- 200-  401
            POST   /api/clients                                  201  201  201  201  201   403  201  201  403  201   401
            GET    /api/clients/{id}                             200  200  200  200  200   200  404  404  404  404   401
            PATCH  /api/clients/{id}                             200  200  200  200  200   403  404  404  404  404   401
            GET    /clients/{id}/profile                         200  200  200  200  200   403  404  404  404  404   302
            POST   /clients/{id}/profile                         302  302  302  302  302   403  404  404  404  404   302
            POST   /clients/{id}/status                          302  302  302  302  302   403  404  404  404  404   302
            GET    /api/clients/{id}/team                        200  200  200  200  200   200  404  404  404  404   401
            POST   /api/clients/{id}/team                        201  201  403  403  403   403  404  404  404  404   401
            PATCH  /api/clients/{id}/team/{userId}               200  200  403  403  403   403  404  404  404  404   401
            DELETE /api/clients/{id}/team/{userId}               204  204  403  403  403   403  404  404  404  404   401
            PUT    /api/clients/{id}/primary                     200  200  403  403  403   403  404  404  404  404   401
            GET    /api/clients/{id}/access                      200  200  200  200  200   200  404  404  404  404   401
            GET    /api/clients/{id}/access/explain              200  200  200  200  200   200  404  404  404  404   401
            GET    /api/clients/{id}/history                     200  200  200  200  200   200  404  404  404  404   401
            GET    /api/clients/{id}/reads                       200  200  403  403  403   403  404  404  404  404   401
            GET    /api/clients/{id}/plan.pdf                    200  200  200  200  403   403  404  404  404  404   401
            GET    /api/clients/{id}/workgroup                   200  200  200  200  200   200  404  404  404  404   401
            PUT    /api/clients/{id}/workgroup                   200  200  403  403  403   403  404  404  404  404   401
            PUT    /api/clients/{id}/secondary-adviser           200  200  403  403  403   403  404  404  404  404   401
            DELETE /api/clients/{id}/secondary-adviser           204  204  403  403  403   403  404  404  404  404   401
            POST   /clients/{id}/workgroup                       302  302  403  403  403   403  404  404  404  404   302
            POST   /clients/{id}/secondary-adviser               302  302  403  403  403   403  404  404  404  404   302
            GET    /clients/{id}/history                         200  200  200  200  200   200  404  404  404  404   302
            GET    /clients/{id}/plan.pdf                        200  200  200  200  403   403  404  404  404  404   302
            GET    /clients                                      200+ 200+ 200+ 200+ 200+  200+ 200- 200- 200- 200-  302
            GET    /clients/new                                  200  200  200  200  200   403  200  200  403  200   302
            POST   /clients                                      302  302  302  302  302   403  302  302  403  302   302
            GET    /clients/{id}                                 200  200  200  200  200   200  404  404  404  404   302
            GET    /clients/{id}/access                          200  200  200  200  200   200  404  404  404  404   302
            GET    /clients/{id}/access/why                      200  200  200  200  200   200  404  404  404  404   302
            POST   /clients/{id}/access/members                  302  302  403  403  403   403  404  404  404  404   302
            POST   /clients/{id}/access/members/{userId}/role    302  302  403  403  403   403  404  404  404  404   302
            POST   /clients/{id}/access/members/{userId}/remove  302  302  403  403  403   403  404  404  404  404   302
            POST   /clients/{id}/access/primary                  302  302  403  403  403   403  404  404  404  404   302
            # client file sections (issue 5): family, inventories, simulations
            GET    /api/clients/{id}/family                                      200  200  200  200  200   200  404  404  404  404   401
            POST   /api/clients/{id}/family/people                               201  201  201  201  403   403  404  404  404  404   401
            PATCH  /api/clients/{id}/family/people/{personId}                    200  200  200  200  403   403  404  404  404  404   401
            DELETE /api/clients/{id}/family/people/{personId}                    204  204  204  204  403   403  404  404  404  404   401
            POST   /api/clients/{id}/family/links                                201  201  201  201  403   403  404  404  404  404   401
            PUT    /api/clients/{id}/family/links                                200  200  200  200  403   403  404  404  404  404   401
            DELETE /api/clients/{id}/family/links/{linkId}                       204  204  204  204  403   403  404  404  404  404   401
            GET    /api/clients/{id}/inventory/wealth                            200  200  200  200  200   200  404  404  404  404   401
            POST   /api/clients/{id}/inventory/wealth                            201  201  201  201  403   403  404  404  404  404   401
            PATCH  /api/clients/{id}/inventory/wealth/{itemId}                   200  200  200  200  403   403  404  404  404  404   401
            DELETE /api/clients/{id}/inventory/wealth/{itemId}                   204  204  204  204  403   403  404  404  404  404   401
            GET    /api/clients/{id}/inventory/donations                         200  200  200  200  200   200  404  404  404  404   401
            GET    /api/clients/{id}/insurance                                   200  200  200  200  200   200  404  404  404  404   401
            POST   /api/clients/{id}/inventory/donations                         201  201  201  201  403   403  404  404  404  404   401
            PATCH  /api/clients/{id}/inventory/donations/{donationId}            200  200  200  200  403   403  404  404  404  404   401
            DELETE /api/clients/{id}/inventory/donations/{donationId}            204  204  204  204  403   403  404  404  404  404   401
            GET    /api/clients/{id}/simulations                                 200  200  200  200  403   403  404  404  404  404   401
            POST   /api/clients/{id}/simulations                                 201  201  201  201  403   403  404  404  404  404   401
            GET    /clients/{id}/family                                          200  200  200  200  200   200  404  404  404  404   302
            POST   /clients/{id}/family/people                                   302  302  302  302  403   403  404  404  404  404   302
            POST   /clients/{id}/family/people/{personId}                        302  302  302  302  403   403  404  404  404  404   302
            POST   /clients/{id}/family/people/{personId}/remove                 302  302  302  302  403   403  404  404  404  404   302
            POST   /clients/{id}/family/links                                    302  302  302  302  403   403  404  404  404  404   302
            POST   /clients/{id}/family/links/{linkId}/remove                    302  302  302  302  403   403  404  404  404  404   302
            GET    /clients/{id}/wealth                                          200  200  200  200  200   200  404  404  404  404   302
            POST   /clients/{id}/wealth                                          302  302  302  302  403   403  404  404  404  404   302
            POST   /clients/{id}/wealth/{itemId}                                 302  302  302  302  403   403  404  404  404  404   302
            POST   /clients/{id}/wealth/{itemId}/remove                          302  302  302  302  403   403  404  404  404  404   302
            GET    /clients/{id}/donations                                       200  200  200  200  200   200  404  404  404  404   302
            GET    /clients/{id}/insurance                                       200  200  200  200  200   200  404  404  404  404   302
            POST   /clients/{id}/donations                                       302  302  302  302  403   403  404  404  404  404   302
            POST   /clients/{id}/donations/{donationId}                          302  302  302  302  403   403  404  404  404  404   302
            POST   /clients/{id}/donations/{donationId}/remove                   302  302  302  302  403   403  404  404  404  404   302
            GET    /clients/{id}/simulation                                      200  200  200  200  403   403  404  404  404  404   302
            POST   /clients/{id}/simulation                                      302  302  302  302  403   403  404  404  404  404   302
            # outsiders (issue 5): external advisers and grants, managed by the file manager only
            GET    /api/clients/{id}/external-advisers                           200  200  200  200  200   200  404  404  404  404   401  403  403  403  403  403  403  403
            POST   /api/clients/{id}/external-advisers                           403  201  403  403  403   403  404  404  404  404   401  403  403  403  403  403  403  403
            PATCH  /api/clients/{id}/external-advisers/{adviserId}               403  200  403  403  403   403  404  404  404  404   401  403  403  403  403  403  403  403
            DELETE /api/clients/{id}/external-advisers/{adviserId}               403  204  403  403  403   403  404  404  404  404   401  403  403  403  403  403  403  403
            GET    /api/clients/{id}/grants                                      200  200  200  200  200   200  404  404  404  404   401  403  403  403  403  403  403  403
            POST   /api/clients/{id}/grants                                      403  201  403  403  403   403  404  404  404  404   401  403  403  403  403  403  403  403
            PATCH  /api/clients/{id}/grants/{grantId}                            403  200  403  403  403   403  404  404  404  404   401  403  403  403  403  403  403  403
            DELETE /api/clients/{id}/grants/{grantId}                            403  204  403  403  403   403  404  404  404  404   401  403  403  403  403  403  403  403
            GET    /clients/{id}/access-rights                                   200  200  200  200  200   200  404  404  404  404   302  403  403  403  403  403  403  403
            POST   /clients/{id}/access-rights/grants                            403  302  403  403  403   403  404  404  404  404   302  403  403  403  403  403  403  403
            POST   /clients/{id}/access-rights/grants/{grantId}                  403  302  403  403  403   403  404  404  404  404   302  403  403  403  403  403  403  403
            POST   /clients/{id}/access-rights/grants/{grantId}/contact          403  302  403  403  403   403  404  404  404  404   302  403  403  403  403  403  403  403
            POST   /clients/{id}/access-rights/grants/{grantId}/revoke           403  302  403  403  403   403  404  404  404  404   302  403  403  403  403  403  403  403
            POST   /clients/{id}/access-rights/advisers                          403  302  403  403  403   403  404  404  404  404   302  403  403  403  403  403  403  403
            POST   /clients/{id}/access-rights/advisers/{adviserId}/remove       403  302  403  403  403   403  404  404  404  404   302  403  403  403  403  403  403  403
            # the client portal: outsiders only, each per their grant (staff 403)
            GET    /api/portal/files                                             403  403  403  403  403   403  403  403  403  403   401  200+ 200+ 200+ 200+ 200+ 200+ 200-
            GET    /api/portal/files/{id}                                        403  403  403  403  403   403  403  403  403  403   401  200  200  200  200  200  200  404
            GET    /api/portal/files/{id}/family                                 403  403  403  403  403   403  403  403  403  403   401  200  200  200  200  200  200  404
            POST   /api/portal/files/{id}/family/people                          403  403  403  403  403   403  403  403  403  403   401  201  403  403  201  403  201  404
            GET    /api/portal/files/{id}/inventory/wealth                       403  403  403  403  403   403  403  403  403  403   401  200  200  200  200  200  200  404
            POST   /api/portal/files/{id}/inventory/wealth                       403  403  403  403  403   403  403  403  403  403   401  201  403  403  201  403  201  404
            GET    /api/portal/files/{id}/inventory/donations                    403  403  403  403  403   403  403  403  403  403   401  200  200  200  200  200  200  404
            POST   /api/portal/files/{id}/grants                                 403  403  403  403  403   403  403  403  403  403   401  201  201  403  403  403  403  404
            POST   /portal/files/{id}/grants                                     403  403  403  403  403   403  403  403  403  403   302  302  302  403  403  403  403  404
            POST   /portal/files/{id}/family/people                              403  403  403  403  403   403  403  403  403  403   302  302  403  403  302  403  302  404
            POST   /portal/files/{id}/family/people/{personId}                   403  403  403  403  403   403  403  403  403  403   302  302  403  403  302  403  302  404
            POST   /portal/files/{id}/family/people/{personId}/remove            403  403  403  403  403   403  403  403  403  403   302  302  403  403  302  403  302  404
            POST   /portal/files/{id}/wealth                                     403  403  403  403  403   403  403  403  403  403   302  302  403  403  302  403  302  404
            POST   /portal/files/{id}/wealth/{itemId}                            403  403  403  403  403   403  403  403  403  403   302  302  403  403  302  403  302  404
            POST   /portal/files/{id}/wealth/{itemId}/remove                     403  403  403  403  403   403  403  403  403  403   302  302  403  403  302  403  302  404
            POST   /portal/files/{id}/donations                                  403  403  403  403  403   403  403  403  403  403   302  302  403  403  302  403  302  404
            POST   /portal/files/{id}/donations/{donationId}                     403  403  403  403  403   403  403  403  403  403   302  302  403  403  302  403  302  404
            POST   /portal/files/{id}/donations/{donationId}/remove              403  403  403  403  403   403  403  403  403  403   302  302  403  403  302  403  302  404
            GET    /portal                                                       403  403  403  403  403   403  403  403  403  403   302  200+ 200+ 200+ 200+ 200+ 200+ 200-
            GET    /portal/files/{id}                                            403  403  403  403  403   403  403  403  403  403   302  200  200  200  200  200  200  404
            # client engagement (issue 14): Your Life, values, investment preferences, notes; holders answer in the portal
            GET    /api/clients/{id}/surveys/your-life                           200  200  200  200  200   200  404  404  404  404   401
            POST   /api/clients/{id}/surveys/your-life                           201  201  201  201  201   403  404  404  404  404   401
            GET    /api/clients/{id}/values-sessions                             200  200  200  200  200   200  404  404  404  404   401
            POST   /api/clients/{id}/values-sessions                             201  201  201  201  403   403  404  404  404  404   401
            GET    /api/clients/{id}/investment-preferences                      200  200  200  200  200   200  404  404  404  404   401
            POST   /api/clients/{id}/investment-preferences                      201  201  201  201  201   403  404  404  404  404   401
            GET    /api/clients/{id}/investment-preferences.pdf                  200  200  200  200  403   403  404  404  404  404   401
            GET    /api/clients/{id}/notes                                       200  200  200  200  200   403  404  404  404  404   401
            POST   /api/clients/{id}/notes                                       201  201  201  201  201   403  404  404  404  404   401
            POST   /api/clients/{id}/notes/{noteId}/crm                          202  202  202  202  202   403  404  404  404  404   401
            GET    /api/clients/{id}/crm-notes                                   200  200  200  200  200   403  404  404  404  404   401
            POST   /api/clients/{id}/crm-notes/{crmNoteId}/retry                 409  409  409  409  409   403  404  404  404  404   401
            GET    /clients/{id}/crm-notes                                       200  200  200  200  200   403  404  404  404  404   302
            POST   /clients/{id}/crm-notes/{crmNoteId}/retry                     302  302  302  302  302   403  404  404  404  404   302
            GET    /clients/{id}/engagement                                      200  200  200  200  200   200  404  404  404  404   302
            POST   /clients/{id}/your-life                                       302  302  302  302  302   403  404  404  404  404   302
            POST   /clients/{id}/values-sessions                                 302  302  302  302  403   403  404  404  404  404   302
            POST   /clients/{id}/investment-preferences                          302  302  302  302  302   403  404  404  404  404   302
            GET    /clients/{id}/investment-preferences.pdf                      200  200  200  200  403   403  404  404  404  404   302
            GET    /clients/{id}/notes                                           200  200  200  200  200   403  404  404  404  404   302
            POST   /clients/{id}/notes                                           302  302  302  302  302   403  404  404  404  404   302
            POST   /clients/{id}/notes/{noteId}/crm                              302  302  302  302  302   403  404  404  404  404   302
            GET    /api/portal/files/{id}/surveys/your-life                      403  403  403  403  403   403  403  403  403  403   401  200  200  403  403  403  403  404
            POST   /api/portal/files/{id}/surveys/your-life                      403  403  403  403  403   403  403  403  403  403   401  201  201  403  403  403  403  404
            GET    /api/portal/files/{id}/values-sessions                        403  403  403  403  403   403  403  403  403  403   401  200  200  403  403  403  403  404
            GET    /api/portal/files/{id}/investment-preferences                 403  403  403  403  403   403  403  403  403  403   401  200  200  403  403  403  403  404
            POST   /api/portal/files/{id}/investment-preferences                 403  403  403  403  403   403  403  403  403  403   401  201  201  403  403  403  403  404
            GET    /portal/files/{id}/engagement                                 403  403  403  403  403   403  403  403  403  403   302  200  200  403  403  403  403  404
            POST   /portal/files/{id}/your-life                                  403  403  403  403  403   403  403  403  403  403   302  302  302  403  403  403  403  404
            POST   /portal/files/{id}/investment-preferences                     403  403  403  403  403   403  403  403  403  403   302  302  302  403  403  403  403  404
            """;

    /** How to call one endpoint on a household (the shared one for reads, a fresh one for each change). */
    record Call(boolean changesTheHousehold, Function<Scene, MockHttpServletRequestBuilder> request) {
    }

    /** The household a case runs against, and the people the requests name. */
    record Scene(long clientId, String clientName) {
    }

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PracticeService practices;
    @Autowired TeamService teams;
    @Autowired com.atrium.workgroup.WorkgroupService workgroups;
    @Autowired com.atrium.household.HouseholdService households;
    long workgroupId;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;
    @Autowired com.atrium.household.FamilyService family;
    @Autowired com.atrium.outsider.OutsiderService outsiderService;
    @Autowired com.atrium.inventory.InventoryService inventory;

    final Map<Kind, Actor> actors = new EnumMap<>(Kind.class);
    TestPractice p;
    Actor adviserMember;
    Actor paraplannerMember;
    Actor spareMember;   // on every matrix household's team as Read-only: the one changed and removed
    Actor spareStaff;    // never on a team: the one added
    Scene shared;

    @BeforeAll
    void world() {
        p = fixtures.practice();
        adviserMember = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "m-adviser");
        paraplannerMember = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "m-paraplanner");
        Actor administratorMember = fixtures.user(p.practice, UserType.SUPPORT, false, "m-administrator");
        Actor readOnlyMember = fixtures.user(p.practice, UserType.ASSISTANT, false, "m-readonly");
        spareMember = fixtures.user(p.practice, UserType.SUPPORT, false, "spare-member");
        spareStaff = fixtures.user(p.practice, UserType.SUPPORT, false, "spare-staff");
        Practice other = practices.createPractice(Fixtures.unique("Other practice"));
        workgroupId = workgroups.create(p.manager, new com.atrium.workgroup.WorkgroupForm("Matrix group")).id();
        actors.put(Kind.MANAGER, p.manager);
        actors.put(Kind.PRIMARY, p.adviser);
        actors.put(Kind.ADVISER, adviserMember);
        actors.put(Kind.PARAPLANNER, paraplannerMember);
        actors.put(Kind.ADMINISTRATOR, administratorMember);
        actors.put(Kind.READ_ONLY, readOnlyMember);
        actors.put(Kind.OTHER_PROFESSIONAL, p.otherAdviser);
        actors.put(Kind.SUPPORT, p.support);
        actors.put(Kind.ASSISTANT, p.assistant);
        actors.put(Kind.OTHER_PRACTICE, fixtures.user(other, UserType.PROFESSIONAL, true, "other-manager"));
        for (Kind k : OUTSIDERS) {
            String email = Fixtures.unique("out-" + k.name().toLowerCase()).toLowerCase() + "@outsider.example";
            actors.put(k, practices.actor(practices.createOutsider(p.practice.id(), email, "Out", k.name(), "+33612345678",
                    Fixtures.PASSWORD)).orElseThrow());
        }
        shared = household(Fixtures.unique("Matrixshared").replace("-", ""));
        // the shared file has investment preferences (to export) and a note (to send to the CRM)
        engagement.completePreferences(p.manager, shared.clientId(), new com.atrium.engagement.PreferencesForm(person(shared, "HOLDER"),
                preferenceAnswers()));
        engagement.addNote(p.manager, shared.clientId(), new com.atrium.engagement.NoteForm(null, "Met the clients.", null));
        // and a CRM file note already sent (a retry answers 409: only a failed note is retried)
        long integration = crm.create(p.manager, new com.atrium.crm.NewIntegrationForm(com.atrium.crm.CrmType.XPLAN, "Matrix CRM",
                null, null, null, null, null, null)).id();
        jdbc.sql("""
                        INSERT INTO crm_file_note (practice_id, integration_id, household_id, external_id, guid, kind, source_id, subject, content,
                                                   status, next_attempt_at, docid, created_at, sent_at)
                        VALUES (:p, :i, :h, '1001', :g, 'CLIENT_NOTE_SENT', 1, 'Client note', 'Met.', 'SENT', CURRENT_TIMESTAMP, '9001',
                                CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .param("p", p.practice.id()).param("i", integration).param("h", shared.clientId()).param("g", java.util.UUID.randomUUID()).update();
    }

    @Autowired com.atrium.crm.CrmService crm;

    long sharedCrmNote(Scene s) {
        return jdbc.sql("SELECT MIN(id) FROM crm_file_note WHERE household_id = :h").param("h", s.clientId()).query(Long.class).single();
    }

    @Autowired com.atrium.engagement.EngagementService engagement;

    static Map<String, String> preferenceAnswers() {
        Map<String, String> a = new LinkedHashMap<>();
        for (com.atrium.engagement.InvestmentQuestion q : com.atrium.engagement.InvestmentQuestion.values()) {
            a.put(q.name(), q.answers().keySet().iterator().next());
        }
        return a;
    }

    static String preferencesJson(Long personId) {
        StringBuilder b = new StringBuilder("{").append(personId == null ? "" : "\"personId\": " + personId + ", ").append("\"answers\": {");
        b.append(preferenceAnswers().entrySet().stream().map(e -> "\"" + e.getKey() + "\": \"" + e.getValue() + "\"")
                .collect(java.util.stream.Collectors.joining(", ")));
        return b.append("}}").toString();
    }

    static String yourLifeJson(Long personId) {
        return "{" + (personId == null ? "" : "\"personId\": " + personId + ", ") + "\"ratings\": {\"HEALTH\": 8, \"RELATIONSHIPS\": 7, "
                + "\"CAREER\": 6, \"FINANCES\": 5, \"LEISURE\": 4, \"PURPOSE\": 9}, \"goals\": [\"Retire at 60\"]}";
    }

    static MockHttpServletRequestBuilder yourLifeParams(MockHttpServletRequestBuilder b) {
        for (com.atrium.engagement.Dimension d : com.atrium.engagement.Dimension.values()) {
            b = b.param("rating." + d.name(), "7");
        }
        return b.param("goals", "Travel more");
    }

    static MockHttpServletRequestBuilder preferenceParams(MockHttpServletRequestBuilder b) {
        for (Map.Entry<String, String> e : preferenceAnswers().entrySet()) {
            b = b.param("answer." + e.getKey(), e.getValue());
        }
        return b;
    }

    long sharedNote(Scene s) {
        return jdbc.sql("SELECT MIN(id) FROM engagement_note WHERE household_id = :h").param("h", s.clientId()).query(Long.class).single();
    }

    /**
     * The outsiders of a matrix household: a co-holder, a child and another person added to its family, three
     * external advisers (one spare, without access), and a grant for each outsider kind (the EXPIRED one ended
     * yesterday). The spouse's read-only grant is the one changed and withdrawn; another person, without access,
     * is the one granted.
     */
    void outsiders(long clientId, String lastName) {
        long coHolder = family.addPerson(p.adviser, clientId, com.atrium.household.FamilyPersonForm.of("Cora", lastName, null, "CO_HOLDER")).id();
        long child = family.addPerson(p.adviser, clientId, com.atrium.household.FamilyPersonForm.of("Chris", lastName, null, "CHILD")).id();
        long expired = family.addPerson(p.adviser, clientId, com.atrium.household.FamilyPersonForm.of("Ex", lastName, null, "OTHER")).id();
        family.addPerson(p.adviser, clientId, com.atrium.household.FamilyPersonForm.of("Nogrant", lastName, null, "OTHER"));
        long adviserRo = adviser(clientId, "Banker");
        long adviserRw = adviser(clientId, "Notary");
        adviser(clientId, "Spare");
        grant(clientId, Kind.HOLDER, GrantSubject.FAMILY, person(clientId, "HOLDER"), AccessLevel.READ_WRITE);
        grant(clientId, Kind.CO_HOLDER, GrantSubject.FAMILY, coHolder, AccessLevel.READ_ONLY);
        grant(clientId, Kind.FAMILY_RO, GrantSubject.FAMILY, person(clientId, "SPOUSE"), AccessLevel.READ_ONLY);
        grant(clientId, Kind.FAMILY_RW, GrantSubject.FAMILY, child, AccessLevel.READ_WRITE);
        grant(clientId, Kind.ADVISER_RO, GrantSubject.ADVISER, adviserRo, AccessLevel.READ_ONLY);
        grant(clientId, Kind.ADVISER_RW, GrantSubject.ADVISER, adviserRw, AccessLevel.READ_WRITE);
        long g = grant(clientId, Kind.EXPIRED, GrantSubject.FAMILY, expired, AccessLevel.READ_WRITE);
        jdbc.sql("UPDATE access_grant SET expires_on = :d WHERE id = :g").param("d", java.time.LocalDate.now().minusDays(1)).param("g", g).update();
        // an invited person without an account yet, whose email and mobile the file manager may still correct
        long invited = family.addPerson(p.adviser, clientId, com.atrium.household.FamilyPersonForm.of("Invited", lastName, null, "OTHER")).id();
        outsiderService.grant(p.adviser, clientId, new com.atrium.outsider.GrantForm(GrantSubject.FAMILY, invited, AccessLevel.READ_ONLY,
                Fixtures.unique("invited").toLowerCase() + "@outsider.example", "+33612345678", null));
    }

    long invitedGrant(Scene s) {
        return jdbc.sql("SELECT g.id FROM access_grant g JOIN person p ON p.id = g.person_id WHERE g.client_id = :c AND p.first_name = 'Invited'")
                .param("c", s.clientId()).query(Long.class).single();
    }

    long adviser(long clientId, String lastName) {
        return outsiderService.registerAdviser(p.adviser, clientId, new com.atrium.outsider.ExternalAdviserForm("Ann", lastName,
                Fixtures.unique("adv").toLowerCase() + "@advisers.example", "+33612345678", null, com.atrium.outsider.AdviserType.BANKER)).id();
    }

    long grant(long clientId, Kind kind, GrantSubject subject, long subjectId, AccessLevel level) {
        return outsiderService.grant(p.adviser, clientId, new com.atrium.outsider.GrantForm(subject, subjectId, level,
                actors.get(kind).email(), "+33612345678", null)).id();
    }

    long person(long clientId, String relationship) {
        return jdbc.sql("SELECT MIN(id) FROM person WHERE household_id = :h AND relationship = :r").param("h", clientId)
                .param("r", relationship).query(Long.class).single();
    }

    long personNamed(long clientId, String firstName) {
        return jdbc.sql("SELECT MIN(id) FROM person WHERE household_id = :h AND first_name = :f").param("h", clientId)
                .param("f", firstName).query(Long.class).single();
    }

    long spouseGrant(Scene s) {
        return jdbc.sql("SELECT g.id FROM access_grant g WHERE g.client_id = :c AND g.user_id = :u").param("c", s.clientId())
                .param("u", actors.get(Kind.FAMILY_RO).userId()).query(Long.class).single();
    }

    long spareAdviser(Scene s) {
        return jdbc.sql("SELECT id FROM external_adviser WHERE household_id = :c AND last_name = 'Spare'").param("c", s.clientId())
                .query(Long.class).single();
    }

    /** A household whose primary is PRIMARY, with ADVISER, PARAPLANNER, ADMINISTRATOR, READ_ONLY and the spare member on its team. */
    Scene household(String lastName) {
        ClientView c = fixtures.client(p.adviser, lastName);
        teams.addMember(p.manager, c.id(), new TeamMemberForm(adviserMember.userId(), "ADVISER"));
        teams.addMember(p.manager, c.id(), new TeamMemberForm(paraplannerMember.userId(), "PARAPLANNER"));
        teams.addMember(p.manager, c.id(), new TeamMemberForm(actors.get(Kind.ADMINISTRATOR).userId(), "ADMINISTRATOR"));
        teams.addMember(p.manager, c.id(), new TeamMemberForm(actors.get(Kind.READ_ONLY).userId(), "READ_ONLY"));
        teams.addMember(p.manager, c.id(), new TeamMemberForm(spareMember.userId(), "READ_ONLY"));
        // a workgroup and a secondary adviser, so that moving/clearing them is a visible change
        workgroups.assignClient(p.manager, c.id(), workgroupId);
        households.setSecondaryAdviser(p.manager, c.id(), paraplannerMember.userId());
        // the client file sections: a child of the holder, another person, a wealth item and a donation to change or remove
        long holder = c.people().get(0).id();
        long child = family.addPerson(p.manager, c.id(), new com.atrium.household.FamilyPersonForm("Kid", null, lastName, null, null, null,
                "CHILD", List.of(holder), null, null)).id();
        family.addPerson(p.manager, c.id(), com.atrium.household.FamilyPersonForm.of("Aunt", lastName, null, "OTHER"));
        inventory.addWealthItem(p.manager, c.id(), new com.atrium.inventory.WealthItemForm("ASSET", "REAL_ESTATE", "Home",
                new java.math.BigDecimal("500000"), null, List.of(new com.atrium.inventory.WealthItemForm.OwnerForm(holder, null))));
        inventory.addDonation(p.manager, c.id(), new com.atrium.inventory.DonationForm(java.time.LocalDate.of(2020, 5, 1), holder, child, null,
                new java.math.BigDecimal("20000"), null, "MONEY", null));
        outsiders(c.id(), lastName);
        return new Scene(c.id(), lastName);
    }

    long person(Scene s, String relationship) {
        return jdbc.sql("SELECT MIN(id) FROM person WHERE household_id = :h AND relationship = :r").param("h", s.clientId())
                .param("r", relationship).query(Long.class).single();
    }

    long link(Scene s) {
        return jdbc.sql("SELECT MIN(id) FROM person_link WHERE household_id = :h").param("h", s.clientId()).query(Long.class).single();
    }

    long wealthItem(Scene s) {
        return jdbc.sql("SELECT MIN(id) FROM wealth_item WHERE household_id = :h").param("h", s.clientId()).query(Long.class).single();
    }

    long donation(Scene s) {
        return jdbc.sql("SELECT MIN(id) FROM donation WHERE household_id = :h").param("h", s.clientId()).query(Long.class).single();
    }

    /** One request per row of the table. */
    Map<String, Call> requests() {
        Map<String, Call> r = new LinkedHashMap<>();
        String json = MediaType.APPLICATION_JSON_VALUE;
        r.put("GET /api/clients", read(s -> get("/api/clients").param("q", s.clientName())));
        r.put("POST /api/clients", read(s -> post("/api/clients").contentType(json)
                .content("{\"people\": [{\"firstName\": \"Mat\", \"lastName\": \"Rix\"}]}")));
        r.put("GET /api/clients/{id}", read(s -> get("/api/clients/" + s.clientId())));
        // the profile (issue 12): EDIT_PROFILE (Adviser and Administrator roles, not Read-only; the matrix's Paraplanner is also
        // the secondary adviser, whose path gives it — ClientProfileApiTests has a plain Paraplanner refused)
        r.put("PATCH /api/clients/{id}", change(s -> patch("/api/clients/" + s.clientId()).contentType(json)
                .content("{\"displayName\": \"Renamed " + s.clientName() + "\"}")));
        r.put("GET /clients/{id}/profile", read(s -> get("/clients/" + s.clientId() + "/profile")));
        r.put("POST /clients/{id}/profile", change(s -> post("/clients/" + s.clientId() + "/profile")
                .param("displayName", "Renamed " + s.clientName()).param("status", "ACTIVE")));
        r.put("POST /clients/{id}/status", change(s -> post("/clients/" + s.clientId() + "/status").param("status", "ARCHIVED")
                .param("confirmed", "true")));
        r.put("GET /api/clients/{id}/team", read(s -> get("/api/clients/" + s.clientId() + "/team")));
        r.put("POST /api/clients/{id}/team", change(s -> post("/api/clients/" + s.clientId() + "/team").contentType(json)
                .content("{\"userId\": " + spareStaff.userId() + ", \"role\": \"READ_ONLY\"}")));
        r.put("PATCH /api/clients/{id}/team/{userId}", change(s -> patch("/api/clients/" + s.clientId() + "/team/" + spareMember.userId())
                .contentType(json).content("{\"role\": \"PARAPLANNER\"}")));
        r.put("DELETE /api/clients/{id}/team/{userId}", change(s -> delete("/api/clients/" + s.clientId() + "/team/" + spareMember.userId())));
        r.put("PUT /api/clients/{id}/primary", change(s -> put("/api/clients/" + s.clientId() + "/primary").contentType(json)
                .content("{\"userId\": " + adviserMember.userId() + ", \"keepFormerOnTeam\": true}")));
        r.put("GET /api/clients/{id}/access", read(s -> get("/api/clients/" + s.clientId() + "/access")));
        r.put("GET /api/clients/{id}/access/explain", read(s -> get("/api/clients/" + s.clientId() + "/access/explain")
                .param("user", String.valueOf(paraplannerMember.userId()))));
        r.put("GET /api/clients/{id}/history", read(s -> get("/api/clients/" + s.clientId() + "/history")));
        r.put("GET /api/clients/{id}/reads", read(s -> get("/api/clients/" + s.clientId() + "/reads")));
        r.put("GET /api/clients/{id}/plan.pdf", read(s -> get("/api/clients/" + s.clientId() + "/plan.pdf")));
        r.put("GET /api/clients/{id}/workgroup", read(s -> get("/api/clients/" + s.clientId() + "/workgroup")));
        r.put("PUT /api/clients/{id}/workgroup", change(s -> put("/api/clients/" + s.clientId() + "/workgroup").contentType(json)
                .content("{\"workgroupId\": null}")));
        r.put("PUT /api/clients/{id}/secondary-adviser", change(s -> put("/api/clients/" + s.clientId() + "/secondary-adviser")
                .contentType(json).content("{\"userId\": " + adviserMember.userId() + "}")));
        r.put("DELETE /api/clients/{id}/secondary-adviser", change(s -> delete("/api/clients/" + s.clientId() + "/secondary-adviser")));
        r.put("POST /clients/{id}/workgroup", change(s -> post("/clients/" + s.clientId() + "/workgroup").param("workgroupId", "")));
        r.put("POST /clients/{id}/secondary-adviser", change(s -> post("/clients/" + s.clientId() + "/secondary-adviser")
                .param("userId", "" + adviserMember.userId())));
        r.put("GET /clients/{id}/history", read(s -> get("/clients/" + s.clientId() + "/history")));
        r.put("GET /clients/{id}/plan.pdf", read(s -> get("/clients/" + s.clientId() + "/plan.pdf")));
        r.put("GET /clients", read(s -> get("/clients").param("q", s.clientName())));
        r.put("GET /clients/new", read(s -> get("/clients/new")));
        r.put("POST /clients", read(s -> post("/clients").param("people[0].firstName", "Mat").param("people[0].lastName", "Rix")));
        r.put("GET /clients/{id}", read(s -> get("/clients/" + s.clientId())));
        r.put("GET /clients/{id}/access", read(s -> get("/clients/" + s.clientId() + "/access")));
        r.put("GET /clients/{id}/access/why", read(s -> get("/clients/" + s.clientId() + "/access/why")
                .param("user", String.valueOf(paraplannerMember.userId()))));
        r.put("POST /clients/{id}/access/members", change(s -> post("/clients/" + s.clientId() + "/access/members")
                .param("userId", String.valueOf(spareStaff.userId())).param("role", "READ_ONLY")));
        r.put("POST /clients/{id}/access/members/{userId}/role", change(s -> post("/clients/" + s.clientId() + "/access/members/"
                + spareMember.userId() + "/role").param("role", "PARAPLANNER")));
        r.put("POST /clients/{id}/access/members/{userId}/remove", change(s -> post("/clients/" + s.clientId() + "/access/members/"
                + spareMember.userId() + "/remove")));
        r.put("POST /clients/{id}/access/primary", change(s -> post("/clients/" + s.clientId() + "/access/primary")
                .param("userId", String.valueOf(adviserMember.userId())).param("keepFormerOnTeam", "true")));
        // client file sections: each change row runs on a fresh household with a child, a link, a wealth item and a donation
        String personBody = "{\"firstName\": \"Mat\", \"lastName\": \"Rix\", \"relationship\": \"OTHER\", \"mobile\": \"+33 6 12 34 56 78\"}";
        r.put("GET /api/clients/{id}/family", read(s -> get("/api/clients/" + s.clientId() + "/family")));
        r.put("POST /api/clients/{id}/family/people", change(s -> post("/api/clients/" + s.clientId() + "/family/people").contentType(json)
                .content(personBody)));
        r.put("PATCH /api/clients/{id}/family/people/{personId}", change(s -> patch("/api/clients/" + s.clientId() + "/family/people/"
                + person(s, "CHILD")).contentType(json).content("{\"firstName\": \"Renamed\"}")));
        r.put("DELETE /api/clients/{id}/family/people/{personId}", change(s -> delete("/api/clients/" + s.clientId() + "/family/people/"
                + person(s, "OTHER"))));
        r.put("POST /api/clients/{id}/family/links", change(s -> post("/api/clients/" + s.clientId() + "/family/links").contentType(json)
                .content("{\"fromPersonId\": " + person(s, "SPOUSE") + ", \"toPersonId\": " + person(s, "CHILD") + ", \"kind\": \"PARENT_OF\"}")));
        r.put("PUT /api/clients/{id}/family/links", change(s -> put("/api/clients/" + s.clientId() + "/family/links").contentType(json)
                .content("{\"links\": []}")));
        r.put("DELETE /api/clients/{id}/family/links/{linkId}", change(s -> delete("/api/clients/" + s.clientId() + "/family/links/" + link(s))));
        r.put("GET /api/clients/{id}/inventory/wealth", read(s -> get("/api/clients/" + s.clientId() + "/inventory/wealth")));
        r.put("POST /api/clients/{id}/inventory/wealth", change(s -> post("/api/clients/" + s.clientId() + "/inventory/wealth").contentType(json)
                .content("{\"kind\": \"ASSET\", \"type\": \"CASH\", \"description\": \"Savings\", \"value\": 1000, \"owners\": [{\"personId\": "
                        + person(s, "HOLDER") + "}]}")));
        r.put("PATCH /api/clients/{id}/inventory/wealth/{itemId}", change(s -> patch("/api/clients/" + s.clientId() + "/inventory/wealth/"
                + wealthItem(s)).contentType(json).content("{\"value\": 123.45}")));
        r.put("DELETE /api/clients/{id}/inventory/wealth/{itemId}", change(s -> delete("/api/clients/" + s.clientId() + "/inventory/wealth/"
                + wealthItem(s))));
        r.put("GET /api/clients/{id}/inventory/donations", read(s -> get("/api/clients/" + s.clientId() + "/inventory/donations")));
        r.put("POST /api/clients/{id}/inventory/donations", change(s -> post("/api/clients/" + s.clientId() + "/inventory/donations")
                .contentType(json).content("{\"date\": \"2020-01-01\", \"donorPersonId\": " + person(s, "HOLDER")
                        + ", \"recipientName\": \"A charity\", \"amount\": 500, \"kind\": \"MONEY\"}")));
        r.put("PATCH /api/clients/{id}/inventory/donations/{donationId}", change(s -> patch("/api/clients/" + s.clientId()
                + "/inventory/donations/" + donation(s)).contentType(json).content("{\"amount\": 777}")));
        r.put("DELETE /api/clients/{id}/inventory/donations/{donationId}", change(s -> delete("/api/clients/" + s.clientId()
                + "/inventory/donations/" + donation(s))));
        r.put("GET /api/clients/{id}/simulations", read(s -> get("/api/clients/" + s.clientId() + "/simulations")));
        r.put("POST /api/clients/{id}/simulations", change(s -> post("/api/clients/" + s.clientId() + "/simulations").contentType(json)
                .content("{}")));
        r.put("GET /clients/{id}/family", read(s -> get("/clients/" + s.clientId() + "/family")));
        r.put("POST /clients/{id}/family/people", change(s -> post("/clients/" + s.clientId() + "/family/people")
                .param("firstName", "Mat").param("lastName", "Rix").param("relationship", "OTHER")));
        r.put("POST /clients/{id}/family/people/{personId}", change(s -> post("/clients/" + s.clientId() + "/family/people/" + person(s, "CHILD"))
                .param("firstName", "Renamed").param("lastName", "Rix").param("relationship", "CHILD")));
        r.put("POST /clients/{id}/family/people/{personId}/remove", change(s -> post("/clients/" + s.clientId() + "/family/people/"
                + person(s, "OTHER") + "/remove")));
        r.put("POST /clients/{id}/family/links", change(s -> post("/clients/" + s.clientId() + "/family/links")
                .param("fromPersonId", "" + person(s, "SPOUSE")).param("toPersonId", "" + person(s, "CHILD")).param("kind", "PARENT_OF")));
        r.put("POST /clients/{id}/family/links/{linkId}/remove", change(s -> post("/clients/" + s.clientId() + "/family/links/" + link(s) + "/remove")));
        r.put("GET /clients/{id}/wealth", read(s -> get("/clients/" + s.clientId() + "/wealth")));
        r.put("POST /clients/{id}/wealth", change(s -> post("/clients/" + s.clientId() + "/wealth").param("type", "CASH")
                .param("description", "Savings").param("value", "1000").param("ownerIds", "" + person(s, "HOLDER"))));
        r.put("POST /clients/{id}/wealth/{itemId}", change(s -> post("/clients/" + s.clientId() + "/wealth/" + wealthItem(s)).param("type", "CASH")
                .param("description", "Changed").param("value", "1234.50").param("ownerIds", "" + person(s, "HOLDER"))));
        r.put("POST /clients/{id}/wealth/{itemId}/remove", change(s -> post("/clients/" + s.clientId() + "/wealth/" + wealthItem(s) + "/remove")));
        r.put("GET /clients/{id}/donations", read(s -> get("/clients/" + s.clientId() + "/donations")));
        r.put("GET /clients/{id}/insurance", read(s -> get("/clients/" + s.clientId() + "/insurance")));
        r.put("GET /api/clients/{id}/insurance", read(s -> get("/api/clients/" + s.clientId() + "/insurance")));
        r.put("POST /clients/{id}/donations", change(s -> post("/clients/" + s.clientId() + "/donations").param("date", "2020-01-01")
                .param("donorPersonId", "" + person(s, "HOLDER")).param("recipientName", "A charity").param("amount", "500").param("kind", "MONEY")));
        r.put("POST /clients/{id}/donations/{donationId}", change(s -> post("/clients/" + s.clientId() + "/donations/" + donation(s))
                .param("date", "2019-01-01").param("donorPersonId", "" + person(s, "HOLDER")).param("recipientName", "Another charity")
                .param("amount", "750").param("kind", "MONEY")));
        r.put("POST /clients/{id}/donations/{donationId}/remove", change(s -> post("/clients/" + s.clientId() + "/donations/" + donation(s)
                + "/remove")));
        r.put("GET /clients/{id}/simulation", read(s -> get("/clients/" + s.clientId() + "/simulation")));
        r.put("POST /clients/{id}/simulation", change(s -> post("/clients/" + s.clientId() + "/simulation")));
        // outsiders
        r.put("GET /api/clients/{id}/external-advisers", read(s -> get("/api/clients/" + s.clientId() + "/external-advisers")));
        r.put("POST /api/clients/{id}/external-advisers", change(s -> post("/api/clients/" + s.clientId() + "/external-advisers")
                .contentType(json).content("{\"firstName\": \"Lou\", \"lastName\": \"Law\", \"email\": \"" + Fixtures.unique("law")
                        + "@advisers.example\", \"mobile\": \"+33612345678\", \"type\": \"LAWYER\"}")));
        r.put("PATCH /api/clients/{id}/external-advisers/{adviserId}", change(s -> patch("/api/clients/" + s.clientId()
                + "/external-advisers/" + spareAdviser(s)).contentType(json).content("{\"firstName\": \"Ann\", \"lastName\": \"Spare\", "
                + "\"email\": \"" + Fixtures.unique("changed") + "@advisers.example\", \"mobile\": \"+33612345679\", \"type\": \"OTHER\"}")));
        r.put("DELETE /api/clients/{id}/external-advisers/{adviserId}", change(s -> delete("/api/clients/" + s.clientId()
                + "/external-advisers/" + spareAdviser(s))));
        r.put("GET /api/clients/{id}/grants", read(s -> get("/api/clients/" + s.clientId() + "/grants")));
        r.put("POST /api/clients/{id}/grants", change(s -> post("/api/clients/" + s.clientId() + "/grants").contentType(json)
                .content("{\"subject\": \"FAMILY\", \"subjectId\": " + personNamed(s.clientId(), "Nogrant") + ", \"level\": \"READ_ONLY\", "
                        + "\"email\": \"" + Fixtures.unique("new") + "@outsider.example\", \"mobile\": \"+33612345678\"}")));
        r.put("PATCH /api/clients/{id}/grants/{grantId}", change(s -> patch("/api/clients/" + s.clientId() + "/grants/" + spouseGrant(s))
                .contentType(json).content("{\"level\": \"READ_WRITE\"}")));
        r.put("DELETE /api/clients/{id}/grants/{grantId}", change(s -> delete("/api/clients/" + s.clientId() + "/grants/" + spouseGrant(s))));
        r.put("GET /clients/{id}/access-rights", read(s -> get("/clients/" + s.clientId() + "/access-rights")));
        r.put("POST /clients/{id}/access-rights/grants", change(s -> post("/clients/" + s.clientId() + "/access-rights/grants")
                .param("subject", "FAMILY").param("subjectId", "" + personNamed(s.clientId(), "Nogrant")).param("level", "READ_WRITE")
                .param("email", Fixtures.unique("web") + "@outsider.example").param("mobile", "+33612345678")));
        r.put("POST /clients/{id}/access-rights/grants/{grantId}", change(s -> post("/clients/" + s.clientId() + "/access-rights/grants/"
                + spouseGrant(s)).param("level", "READ_WRITE")));
        r.put("POST /clients/{id}/access-rights/grants/{grantId}/contact", change(s -> post("/clients/" + s.clientId()
                + "/access-rights/grants/" + invitedGrant(s) + "/contact").param("email", Fixtures.unique("fixed").toLowerCase()
                + "@outsider.example").param("mobile", "+61 412 555 987")));
        r.put("POST /clients/{id}/access-rights/grants/{grantId}/revoke", change(s -> post("/clients/" + s.clientId()
                + "/access-rights/grants/" + spouseGrant(s) + "/revoke")));
        r.put("POST /clients/{id}/access-rights/advisers", change(s -> post("/clients/" + s.clientId() + "/access-rights/advisers")
                .param("firstName", "Acc").param("lastName", "Ountant").param("email", Fixtures.unique("acc") + "@advisers.example")
                .param("mobile", "+33612345678").param("type", "ACCOUNTANT")));
        r.put("POST /clients/{id}/access-rights/advisers/{adviserId}/remove", change(s -> post("/clients/" + s.clientId()
                + "/access-rights/advisers/" + spareAdviser(s) + "/remove")));
        r.put("GET /api/portal/files", read(s -> get("/api/portal/files").param("q", s.clientName())));
        r.put("GET /api/portal/files/{id}", read(s -> get("/api/portal/files/" + s.clientId())));
        r.put("GET /api/portal/files/{id}/family", read(s -> get("/api/portal/files/" + s.clientId() + "/family")));
        r.put("POST /api/portal/files/{id}/family/people", change(s -> post("/api/portal/files/" + s.clientId() + "/family/people")
                .contentType(json).content("{\"firstName\": \"Newborn\", \"lastName\": \"" + s.clientName() + "\", \"relationship\": \"OTHER\"}")));
        r.put("GET /api/portal/files/{id}/inventory/wealth", read(s -> get("/api/portal/files/" + s.clientId() + "/inventory/wealth")));
        r.put("POST /api/portal/files/{id}/inventory/wealth", change(s -> post("/api/portal/files/" + s.clientId() + "/inventory/wealth")
                .contentType(json).content("{\"kind\": \"ASSET\", \"type\": \"REAL_ESTATE\", \"description\": \"Flat\", \"value\": 100000, "
                        + "\"owners\": [{\"personId\": " + person(s.clientId(), "HOLDER") + "}]}")));
        r.put("GET /api/portal/files/{id}/inventory/donations", read(s -> get("/api/portal/files/" + s.clientId() + "/inventory/donations")));
        r.put("POST /api/portal/files/{id}/grants", change(s -> post("/api/portal/files/" + s.clientId() + "/grants").contentType(json)
                .content("{\"subject\": \"FAMILY\", \"subjectId\": " + personNamed(s.clientId(), "Nogrant") + ", \"level\": \"READ_ONLY\", "
                        + "\"email\": \"" + Fixtures.unique("fam") + "@outsider.example\", \"mobile\": \"+33612345678\"}")));
        r.put("POST /portal/files/{id}/grants", change(s -> post("/portal/files/" + s.clientId() + "/grants")
                .param("subjectId", "" + personNamed(s.clientId(), "Nogrant")).param("level", "READ_ONLY")
                .param("email", Fixtures.unique("famweb") + "@outsider.example").param("mobile", "+33612345678")));
        // the portal pages' forms (the same services as the staff tabs: read-write grants only)
        r.put("POST /portal/files/{id}/family/people", change(s -> post("/portal/files/" + s.clientId() + "/family/people")
                .param("firstName", "Newborn").param("lastName", s.clientName()).param("relationship", "OTHER")));
        r.put("POST /portal/files/{id}/family/people/{personId}", change(s -> post("/portal/files/" + s.clientId() + "/family/people/"
                + person(s, "CHILD")).param("firstName", "Renamed").param("lastName", "Rix").param("relationship", "CHILD")));
        r.put("POST /portal/files/{id}/family/people/{personId}/remove", change(s -> post("/portal/files/" + s.clientId() + "/family/people/"
                + person(s, "OTHER") + "/remove")));
        r.put("POST /portal/files/{id}/wealth", change(s -> post("/portal/files/" + s.clientId() + "/wealth").param("type", "CASH")
                .param("description", "Savings").param("value", "1000").param("ownerIds", "" + person(s, "HOLDER"))));
        r.put("POST /portal/files/{id}/wealth/{itemId}", change(s -> post("/portal/files/" + s.clientId() + "/wealth/" + wealthItem(s))
                .param("type", "CASH").param("description", "Changed").param("value", "1234.50").param("ownerIds", "" + person(s, "HOLDER"))));
        r.put("POST /portal/files/{id}/wealth/{itemId}/remove", change(s -> post("/portal/files/" + s.clientId() + "/wealth/" + wealthItem(s)
                + "/remove")));
        r.put("POST /portal/files/{id}/donations", change(s -> post("/portal/files/" + s.clientId() + "/donations").param("date", "2020-01-01")
                .param("donorPersonId", "" + person(s, "HOLDER")).param("recipientName", "A charity").param("amount", "500").param("kind", "MONEY")));
        r.put("POST /portal/files/{id}/donations/{donationId}", change(s -> post("/portal/files/" + s.clientId() + "/donations/" + donation(s))
                .param("date", "2019-01-01").param("donorPersonId", "" + person(s, "HOLDER")).param("recipientName", "Another charity")
                .param("amount", "750").param("kind", "MONEY")));
        r.put("POST /portal/files/{id}/donations/{donationId}/remove", change(s -> post("/portal/files/" + s.clientId() + "/donations/"
                + donation(s) + "/remove")));
        r.put("GET /portal", read(s -> get("/portal").param("q", s.clientName())));
        r.put("GET /portal/files/{id}", read(s -> get("/portal/files/" + s.clientId())));
        // client engagement
        r.put("GET /api/clients/{id}/surveys/your-life", read(s -> get("/api/clients/" + s.clientId() + "/surveys/your-life")));
        r.put("POST /api/clients/{id}/surveys/your-life", change(s -> post("/api/clients/" + s.clientId() + "/surveys/your-life")
                .contentType(json).content(yourLifeJson(person(s, "HOLDER")))));
        r.put("GET /api/clients/{id}/values-sessions", read(s -> get("/api/clients/" + s.clientId() + "/values-sessions")));
        r.put("POST /api/clients/{id}/values-sessions", change(s -> post("/api/clients/" + s.clientId() + "/values-sessions")
                .contentType(json).content("{\"people\": [{\"personId\": " + person(s, "HOLDER") + ", \"values\": [\"FAMILY\", \"HEALTH\"]}]}")));
        r.put("GET /api/clients/{id}/investment-preferences", read(s -> get("/api/clients/" + s.clientId() + "/investment-preferences")));
        r.put("POST /api/clients/{id}/investment-preferences", change(s -> post("/api/clients/" + s.clientId() + "/investment-preferences")
                .contentType(json).content(preferencesJson(person(s, "HOLDER")))));
        r.put("GET /api/clients/{id}/investment-preferences.pdf", read(s -> get("/api/clients/" + s.clientId() + "/investment-preferences.pdf")));
        r.put("GET /api/clients/{id}/notes", read(s -> get("/api/clients/" + s.clientId() + "/notes")));
        r.put("POST /api/clients/{id}/notes", change(s -> post("/api/clients/" + s.clientId() + "/notes").contentType(json)
                .content("{\"body\": \"Called the client.\", \"followUpOn\": \"2099-01-01\"}")));
        r.put("POST /api/clients/{id}/notes/{noteId}/crm", read(s -> post("/api/clients/" + s.clientId() + "/notes/" + sharedNote(s) + "/crm")));
        r.put("GET /api/clients/{id}/crm-notes", read(s -> get("/api/clients/" + s.clientId() + "/crm-notes")));
        r.put("POST /api/clients/{id}/crm-notes/{crmNoteId}/retry", read(s -> post("/api/clients/" + s.clientId() + "/crm-notes/"
                + sharedCrmNote(s) + "/retry")));
        r.put("GET /clients/{id}/crm-notes", read(s -> get("/clients/" + s.clientId() + "/crm-notes")));
        r.put("POST /clients/{id}/crm-notes/{crmNoteId}/retry", read(s -> post("/clients/" + s.clientId() + "/crm-notes/"
                + sharedCrmNote(s) + "/retry")));
        r.put("GET /clients/{id}/engagement", read(s -> get("/clients/" + s.clientId() + "/engagement")));
        r.put("POST /clients/{id}/your-life", change(s -> yourLifeParams(post("/clients/" + s.clientId() + "/your-life")
                .param("personId", "" + person(s, "HOLDER")))));
        r.put("POST /clients/{id}/values-sessions", change(s -> post("/clients/" + s.clientId() + "/values-sessions")
                .param("people[0].personId", "" + person(s, "HOLDER")).param("people[0].value1", "FAMILY")));
        r.put("POST /clients/{id}/investment-preferences", change(s -> preferenceParams(post("/clients/" + s.clientId() + "/investment-preferences")
                .param("personId", "" + person(s, "HOLDER")))));
        r.put("GET /clients/{id}/investment-preferences.pdf", read(s -> get("/clients/" + s.clientId() + "/investment-preferences.pdf")));
        r.put("GET /clients/{id}/notes", read(s -> get("/clients/" + s.clientId() + "/notes")));
        r.put("POST /clients/{id}/notes", change(s -> post("/clients/" + s.clientId() + "/notes").param("body", "Called.")));
        r.put("POST /clients/{id}/notes/{noteId}/crm", read(s -> post("/clients/" + s.clientId() + "/notes/" + sharedNote(s) + "/crm")));
        r.put("GET /api/portal/files/{id}/surveys/your-life", read(s -> get("/api/portal/files/" + s.clientId() + "/surveys/your-life")));
        r.put("POST /api/portal/files/{id}/surveys/your-life", change(s -> post("/api/portal/files/" + s.clientId() + "/surveys/your-life")
                .contentType(json).content(yourLifeJson(null))));
        r.put("GET /api/portal/files/{id}/values-sessions", read(s -> get("/api/portal/files/" + s.clientId() + "/values-sessions")));
        r.put("GET /api/portal/files/{id}/investment-preferences", read(s -> get("/api/portal/files/" + s.clientId() + "/investment-preferences")));
        r.put("POST /api/portal/files/{id}/investment-preferences", change(s -> post("/api/portal/files/" + s.clientId()
                + "/investment-preferences").contentType(json).content(preferencesJson(null))));
        r.put("GET /portal/files/{id}/engagement", read(s -> get("/portal/files/" + s.clientId() + "/engagement")));
        r.put("POST /portal/files/{id}/your-life", change(s -> yourLifeParams(post("/portal/files/" + s.clientId() + "/your-life"))));
        r.put("POST /portal/files/{id}/investment-preferences", change(s -> preferenceParams(post("/portal/files/" + s.clientId()
                + "/investment-preferences"))));
        return r;
    }

    // ------------------------------------------------------------------ the matrix

    @TestFactory
    Stream<DynamicTest> everyClientEndpointForEveryKindOfActor() {
        Map<String, Call> requests = requests();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map<Kind, String>> row : table().entrySet()) {
            Call call = requests.get(row.getKey());
            assertThat(call).as("a request for the row \"%s\" in requests()", row.getKey()).isNotNull();
            for (Kind kind : Kind.values()) {
                String expected = row.getValue().get(kind);
                tests.add(DynamicTest.dynamicTest(row.getKey() + " as " + kind + " -> " + expected,
                        () -> runCase(row.getKey(), call, kind, expected)));
            }
        }
        System.out.println("Client endpoint matrix: " + table().size() + " endpoints x " + Kind.values().length
                + " kinds of actor = " + tests.size() + " cases");
        return tests.stream();
    }

    void runCase(String endpoint, Call call, Kind kind, String expected) throws Exception {
        Scene scene = call.changesTheHousehold() ? household(Fixtures.unique("Matrixfresh").replace("-", "")) : shared;
        String before = call.changesTheHousehold() ? teamState(scene.clientId()) : null;
        MockHttpServletRequestBuilder request = call.request().apply(scene).with(csrf());
        if (OUTSIDERS.contains(kind)) {
            request = request.with(asVerifiedOutsider(actors.get(kind)));
        } else if (kind != Kind.ANONYMOUS) {
            request = request.with(as(actors.get(kind)));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        int status = Integer.parseInt(expected.replaceAll("[+-]", ""));
        assertThat(response.getStatus()).as("%s as %s: %s", endpoint, kind, response.getContentAsString()).isEqualTo(status);

        if (status == 302) {
            String location = response.getRedirectedUrl();
            assertThat(location).as("%s as %s redirects", endpoint, kind).isNotNull();
            if (kind == Kind.ANONYMOUS) {
                assertThat(location).endsWith("/login");
            } else {
                assertThat(location).doesNotEndWith("/login");
            }
        }
        if (expected.endsWith("+") || expected.endsWith("-")) {
            String body = response.getContentAsString();
            Pattern listed = endpoint.contains("/api/")
                    ? Pattern.compile("\"id\":" + scene.clientId() + "[,}]")
                    : Pattern.compile("href=\"/" + (endpoint.contains("/portal") ? "portal/files/" : "clients/") + scene.clientId() + "\"");
            assertThat(listed.matcher(body).find()).as("%s as %s lists the client", endpoint, kind).isEqualTo(expected.endsWith("+"));
        }
        if (call.changesTheHousehold()) {
            boolean allowed = kind != Kind.ANONYMOUS && status < 400;
            String after = teamState(scene.clientId());
            if (allowed) {
                assertThat(after).as("%s as %s changed the team or the access facts", endpoint, kind).isNotEqualTo(before);
            } else {
                assertThat(after).as("%s as %s changed nothing", endpoint, kind).isEqualTo(before);
            }
        }
    }

    // ------------------------------------------------------------------ no endpoint without a row

    @Test
    void everyClientEndpointHasARow() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String path : info.getPatternValues()) {
                    if (!isClientPath(path)) {
                        continue;
                    }
                    if (methods.isEmpty()) {
                        mapped.add("ANY " + path);
                    }
                    methods.forEach(m -> mapped.add(m.name() + " " + path));
                }
            }
        }
        assertThat(mapped).as("client endpoints found in the running application").isNotEmpty()
                .contains("GET /api/clients/{id}", "GET /clients/{id}/access");
        Set<String> rows = table().keySet();
        assertThat(new TreeSet<>(mapped)).as("endpoints without a row in ClientEndpointMatrixTests.TABLE (add one)")
                .isSubsetOf(rows);
        assertThat(new TreeSet<>(rows)).as("rows of ClientEndpointMatrixTests.TABLE without an endpoint (remove them)")
                .isSubsetOf(mapped);
        assertThat(requests().keySet()).as("every row has a request in requests()").containsExactlyInAnyOrderElementsOf(rows);
    }

    static boolean isClientPath(String path) {
        if (path.equals("/portal") || path.startsWith("/portal/files") || path.startsWith("/api/portal/files")) {
            return true; // the client portal: one client file at a time, like the staff endpoints
        }
        return path.equals("/clients") || path.startsWith("/clients/") || path.equals("/api/clients") || path.startsWith("/api/clients/");
    }

    // ------------------------------------------------------------------ helpers

    /** The table: endpoint -> expectation per kind of actor, in file order. */
    static Map<String, Map<Kind, String>> table() {
        Map<String, Map<Kind, String>> rows = new LinkedHashMap<>();
        for (String line : TABLE.strip().split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] cells = l.split("\\s+");
            int staffKinds = Kind.values().length - OUTSIDERS.size();
            assertThat(cells.length).as("row \"%s\": method, path and one expectation per kind of actor (outsider columns optional)", l)
                    .isIn(2 + staffKinds, 2 + Kind.values().length);
            Map<Kind, String> expected = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                String cell = k.ordinal() + 2 < cells.length ? cells[2 + k.ordinal()] : "403";
                assertThat(cell).as("row \"%s\" column %s", l, k).matches("\\d{3}[+-]?");
                expected.put(k, cell);
            }
            String key = cells[0] + " " + cells[1];
            assertThat(rows.put(key, expected)).as("duplicate row %s", key).isNull();
        }
        return rows;
    }

    static Call read(Function<Scene, MockHttpServletRequestBuilder> request) {
        return new Call(false, request);
    }

    static Call change(Function<Scene, MockHttpServletRequestBuilder> request) {
        return new Call(true, request);
    }

    /** The team and primary of a household, as one comparable string. */
    String teamState(long clientId) {
        return jdbc.sql("""
                        SELECT h.primary_professional_id AS p, t.user_id AS u, t.team_role AS r, t.primary_marker AS m,
                               c.workgroup_id AS w, c.secondary_user_id AS s
                        FROM household h JOIN access_client c ON c.client_id = h.id LEFT JOIN access_team t ON t.client_id = h.id
                        WHERE h.id = :c ORDER BY t.user_id""")
                .param("c", clientId)
                .query((rs, i) -> rs.getLong("p") + ":" + rs.getLong("u") + ":" + rs.getString("r") + ":" + rs.getObject("m")
                        + ":" + rs.getObject("w") + ":" + rs.getObject("s"))
                .list().toString() + fileState(clientId) + outsiderState(clientId);
    }

    /** The client file sections (people, links, inventories, simulations) of a household, as one comparable string. */
    /** The outsiders' grants and the external advisers of a household, as one comparable string. */
    String outsiderState(long clientId) {
        return " grants:" + jdbc.sql("SELECT id, access_level, expires_on, email, mobile FROM access_grant WHERE client_id = :c ORDER BY id")
                .param("c", clientId).query((rs, i) -> rs.getLong(1) + "/" + rs.getString(2) + "/" + rs.getObject(3) + "/" + rs.getString(4)
                        + "/" + rs.getString(5)).list()
                + " advisers:" + jdbc.sql("SELECT id, email FROM external_adviser WHERE household_id = :c ORDER BY id")
                .param("c", clientId).query((rs, i) -> rs.getLong(1) + "/" + rs.getString(2)).list();
    }

    String fileState(long clientId) {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM person WHERE household_id = :c)
                                   + 1000 * (SELECT version FROM household WHERE id = :c) AS people,
                               (SELECT COALESCE(SUM(version), 0) FROM person WHERE household_id = :c) AS person_versions,
                               (SELECT COUNT(*) FROM person_link WHERE household_id = :c) AS links,
                               (SELECT COUNT(*) FROM wealth_item WHERE household_id = :c) AS items,
                               (SELECT COALESCE(SUM(version), 0) FROM wealth_item WHERE household_id = :c) AS item_versions,
                               (SELECT COUNT(*) FROM donation WHERE household_id = :c) AS donations,
                               (SELECT COALESCE(SUM(version), 0) FROM donation WHERE household_id = :c) AS donation_versions,
                               (SELECT COUNT(*) FROM simulation WHERE household_id = :c) AS simulations,
                               (SELECT COUNT(*) FROM engagement_your_life WHERE household_id = :c)
                               + (SELECT COUNT(*) FROM engagement_values_session WHERE household_id = :c)
                               + (SELECT COUNT(*) FROM engagement_preferences WHERE household_id = :c)
                               + (SELECT COUNT(*) FROM engagement_note WHERE household_id = :c) AS engagement""")
                .param("c", clientId)
                .query((rs, i) -> " file:" + rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4) + "/"
                        + rs.getLong(5) + "/" + rs.getLong(6) + "/" + rs.getLong(7) + "/" + rs.getLong(8) + "/" + rs.getLong(9))
                .single();
    }
}
