package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, item 4: the file manager corrects a grant's email and mobile while no account is linked (the invitation goes
 * again to the new address, the old link dies, audited); 409 with the reason once an account is linked; access first
 * (another practice 404 for real and unknown ids alike, other staff 403); a landline is refused wherever a mobile is asked.
 */
@IntegrationTest
class GrantContactCorrectionTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired Invitations invitations;
    @Autowired PracticeService practice;
    @Autowired TeamService teams;
    @Autowired JdbcClient jdbc;

    @Test
    void correctingTheEmail_sendsTheInvitationToTheNewAddress_theOldLinkDies_andItIsAudited() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Typo");
        String typo = OutsiderTestSupport.email("tpyo");
        GrantView g = outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(),
                AccessLevel.READ_ONLY, typo, "+61 412 555 301", null));
        String oldToken = knownToken(typo);
        assertThat(invitations.find(oldToken)).isPresent();

        String fixed = OutsiderTestSupport.email("fixed");
        mvc.perform(patch("/api/clients/" + c.id() + "/grants/" + g.id()).with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\": \"" + fixed.toUpperCase() + "\", \"mobile\": \"+61 412 555 302\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(fixed))
                .andExpect(jsonPath("$.mobile").value("+61412555302"))
                .andExpect(jsonPath("$.status").value("INVITED"))
                .andExpect(jsonPath("$.level").value("READ_ONLY"));

        assertThat(invitations.find(oldToken)).as("the link sent to the mistyped address").isEmpty();
        assertThat(OutsiderTestSupport.mailsTo(jdbc, fixed)).containsExactly("INVITATION");
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = :r").param("r", fixed).query(String.class).single();
        assertThat(body).contains("ending in 302");
        String newToken = OutsiderMailTests.linkIn(body).substring("/invitations/".length());
        // the new link creates the account with the corrected address and mobile, and the grant reaches it
        long userId = invitations.accept(newToken, Fixtures.PASSWORD, Fixtures.PASSWORD);
        assertThat(practice.actor(userId).orElseThrow().email()).isEqualTo(fixed);
        assertThat(jdbc.sql("SELECT phone FROM app_user WHERE id = :u").param("u", userId).query(String.class).single()).isEqualTo("+61412555302");
        assertThat(outsiders.grant(p.adviser, c.id(), g.id()).userId()).isEqualTo(userId);

        List<String> audit = jdbc.sql("SELECT before_text || ' -> ' || after_text FROM audit_entry WHERE client_id = :c"
                        + " AND action = 'OUTSIDER_CONTACT_CORRECTED'").param("c", c.id()).query(String.class).list();
        assertThat(audit).singleElement().asString().contains(typo, "+61412555301", fixed, "+61412555302");
    }

    @Test
    void correctingOnlyTheMobile_resendsTheInvitationWithAFreshLink() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Mobile");
        String email = OutsiderTestSupport.email("m");
        GrantView g = outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(),
                AccessLevel.READ_ONLY, email, "+61 412 555 301", null));
        String oldToken = knownToken(email);
        mvc.perform(post("/clients/" + c.id() + "/access-rights/grants/" + g.id() + "/contact").with(as(p.adviser)).with(csrf())
                        .param("email", email).param("mobile", "+61 412 555 309"))
                .andExpect(status().is3xxRedirection());
        assertThat(invitations.find(oldToken)).isEmpty();
        assertThat(OutsiderTestSupport.mailsTo(jdbc, email)).containsExactly("INVITATION", "INVITATION");
        assertThat(outsiders.grant(p.adviser, c.id(), g.id()).mobile()).isEqualTo("+61412555309");
    }

    @Test
    void onceAnAccountIsLinked_409WithTheReason_onTheApiAndThePage() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Linked");
        Actor spouse = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY, null);
        long grantId = outsiders.grants(p.adviser, c.id()).get(0).id();
        mvc.perform(patch("/api/clients/" + c.id() + "/grants/" + grantId).with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"email\": \"" + OutsiderTestSupport.email("n") + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("already has an account")))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("client portal")));
        mvc.perform(post("/clients/" + c.id() + "/access-rights/grants/" + grantId + "/contact").with(as(p.adviser)).with(csrf())
                        .param("email", OutsiderTestSupport.email("n")).param("mobile", "+61 412 555 309"))
                .andExpect(status().isConflict())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.containsString("already has an account")));
        assertThat(outsiders.grant(p.adviser, c.id(), grantId).email()).isEqualTo(spouse.email());
        // the level can still be changed the usual way
        mvc.perform(patch("/api/clients/" + c.id() + "/grants/" + grantId).with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"level\": \"READ_WRITE\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.level").value("READ_WRITE"));
    }

    @Test
    void accessFirst_anotherPractice404ForRealAndUnknownIds_otherStaff403_nothingChanges() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Guarded");
        String email = OutsiderTestSupport.email("g");
        GrantView g = outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(),
                AccessLevel.READ_ONLY, email, "+61 412 555 301", null));
        teams.addMember(p.manager, c.id(), new TeamMemberForm(p.otherAdviser.userId(), "ADVISER"));
        String body = "{\"email\": \"" + OutsiderTestSupport.email("evil") + "\", \"mobile\": \"+61 412 555 399\"}";
        Actor stranger = fixtures.user(fixtures.practice().practice, UserType.PROFESSIONAL, true, "stranger");
        String real = mvc.perform(patch("/api/clients/" + c.id() + "/grants/" + g.id()).with(as(stranger)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        String unknown = mvc.perform(patch("/api/clients/" + c.id() + "/grants/987654321").with(as(stranger)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(real.replace("/grants/" + g.id(), "/grants/X")).isEqualTo(unknown.replace("/grants/987654321", "/grants/X"));
        for (Actor refused : List.of(p.manager, p.otherAdviser)) {
            mvc.perform(patch("/api/clients/" + c.id() + "/grants/" + g.id()).with(as(refused)).with(csrf())
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value(Matchers.containsString("Only the file manager")));
        }
        assertThat(outsiders.grant(p.adviser, c.id(), g.id()).email()).isEqualTo(email);
        assertThat(OutsiderTestSupport.mailsTo(jdbc, email)).containsExactly("INVITATION");
    }

    @Test
    void aLandlineIsNotAMobile_refusedOnTheGrantTheCorrectionTheAdviserTheFamilyAndANewClient() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Landline");
        String landline = "+61 2 9555 0101";
        mvc.perform(post("/api/clients/" + c.id() + "/grants").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"FAMILY\", \"subjectId\": " + person(c, Relationship.SPOUSE).id() + ", \"level\": \"READ_ONLY\", "
                                + "\"email\": \"" + OutsiderTestSupport.email("l") + "\", \"mobile\": \"" + landline + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.mobile").value(Matchers.containsString("is not a mobile number")));
        mvc.perform(post("/api/clients/" + c.id() + "/external-advisers").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"firstName\": \"Bo\", \"lastName\": \"Banker\", \"email\": \"" + OutsiderTestSupport.email("b")
                                + "\", \"mobile\": \"" + landline + "\", \"type\": \"BANKER\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.mobile").exists());
        mvc.perform(post("/api/clients/" + c.id() + "/family/people").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"firstName\": \"Al\", \"lastName\": \"Landline\", \"relationship\": \"OTHER\", \"mobile\": \"" + landline + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.mobile").exists());
        mvc.perform(post("/api/clients").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"people\": [{\"firstName\": \"Al\", \"lastName\": \"Landline\", \"mobile\": \"" + landline + "\"}]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors['people[0].mobile']").exists());
        GrantView g = outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(),
                AccessLevel.READ_ONLY, OutsiderTestSupport.email("ok"), "+61 412 555 301", null));
        mvc.perform(patch("/api/clients/" + c.id() + "/grants/" + g.id()).with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mobile\": \"" + landline + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.mobile").exists());
        // where the numbering cannot tell (+1: FIXED_LINE_OR_MOBILE) the number is accepted
        mvc.perform(patch("/api/clients/" + c.id() + "/grants/" + g.id()).with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mobile\": \"+1 201 555 0123\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.mobile").value("+12015550123"));
    }

    /** Gives the pending invitation of {@code email} a token the test knows (links are stored hashed). */
    private String knownToken(String email) {
        String token = Invitations.newToken();
        jdbc.sql("UPDATE outsider_invitation SET token_hash = :h WHERE email = :e").param("h", Invitations.hash(token)).param("e", email).update();
        return token;
    }
}
