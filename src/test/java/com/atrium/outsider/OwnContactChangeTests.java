package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, item 4: once their account exists, an outsider changes their own email (confirmed by a link sent to the new
 * address) and mobile (confirmed by a code sent to the new number, a landline refused) in the portal; the account, the
 * grants and the audit trail follow; the old address is told; an address another account uses gets the same answer.
 */
@IntegrationTest
class OwnContactChangeTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired Invitations invitations;
    @Autowired PracticeService practice;
    @Autowired JdbcClient jdbc;

    @Test
    void anOutsiderChangesTheirEmail_byTheLinkSentToTheNewAddress() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Newmail");
        Actor me = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY, null);
        String fresh = OutsiderTestSupport.email("fresh");
        mvc.perform(post("/portal/account/email").with(asVerifiedOutsider(me)).with(csrf()).param("email", fresh))
                .andExpect(status().is3xxRedirection());
        assertThat(OutsiderTestSupport.mailsTo(jdbc, fresh)).containsExactly("EMAIL_CHANGE");
        assertThat(OutsiderTestSupport.mailsTo(jdbc, me.email())).contains("EMAIL_CHANGE_NOTICE");
        assertThat(practice.actor(me.userId()).orElseThrow().email()).as("nothing changes before the link").isEqualTo(me.email());
        String token = tokenIn(lastBody(fresh));

        // staff never; another outsider sees a dead link and cannot use it
        mvc.perform(get("/portal/account/email/confirm").param("token", token).with(as(p.adviser))).andExpect(status().isForbidden());
        Actor other = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.HOLDER).id(), AccessLevel.READ_ONLY, null);
        assertThat(mvc.perform(get("/portal/account/email/confirm").param("token", token).with(asVerifiedOutsider(other)))
                .andReturn().getResponse().getContentAsString()).contains("This link no longer works");
        mvc.perform(post("/portal/account/email/confirm").param("token", token).with(asVerifiedOutsider(other)).with(csrf()))
                .andExpect(status().isNotFound());

        assertThat(mvc.perform(get("/portal/account/email/confirm").param("token", token).with(asVerifiedOutsider(me)))
                .andReturn().getResponse().getContentAsString()).contains(fresh, "Use this address");
        mvc.perform(post("/portal/account/email/confirm").param("token", token).with(asVerifiedOutsider(me)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(practice.actor(me.userId()).orElseThrow().email()).isEqualTo(fresh);
        assertThat(outsiders.grants(p.adviser, c.id())).filteredOn(g -> me.userId() == g.userId()).singleElement()
                .extracting(GrantView::email).isEqualTo(fresh);
        assertThat(OutsiderTestSupport.mailsTo(jdbc, me.email())).contains("EMAIL_CHANGED");
        assertThat(actions(c.id(), "OUTSIDER_CONTACT_CHANGED")).singleElement().asString().contains(me.email(), fresh);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'EMAIL_CHANGED' AND subject_user_id = :u").param("u", me.userId())
                .query(Long.class).single()).isEqualTo(1);
        // once only
        mvc.perform(post("/portal/account/email/confirm").param("token", token).with(asVerifiedOutsider(practice.actor(me.userId()).orElseThrow()))
                .with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void anAddressAnotherAccountUses_getsTheSameAnswer_noLink_andNothingChanges() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Taken");
        Actor me = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY, null);
        String answerFree = mvc.perform(post("/portal/account/email").with(asVerifiedOutsider(me)).with(csrf())
                .param("email", OutsiderTestSupport.email("free"))).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String answerTaken = mvc.perform(post("/portal/account/email").with(asVerifiedOutsider(me)).with(csrf())
                .param("email", p.support.email())).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(answerTaken).isEqualTo(answerFree);
        assertThat(OutsiderTestSupport.mailsTo(jdbc, p.support.email())).containsExactly("EMAIL_CHANGE_REFUSED");
        assertThat(practice.actor(me.userId()).orElseThrow().email()).isEqualTo(me.email());
        // not an email at all: the reason on its field, what was typed kept
        assertThat(mvc.perform(post("/portal/account/email").with(asVerifiedOutsider(me)).with(csrf()).param("email", "not-an-address"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString())
                .contains("is not an email address", "value=\"not-an-address\"");
    }

    @Test
    void anOutsiderChangesTheirMobile_byTheCodeSentToTheNewNumber_aLandlineIsRefused() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Newmobile");
        Actor me = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY, null);
        String before = phone(me);
        assertThat(mvc.perform(post("/portal/account/mobile").with(asVerifiedOutsider(me)).with(csrf()).param("mobile", "+61 2 9555 0101"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString())
                .contains("is not a mobile number", "value=\"+61 2 9555 0101\"");
        mvc.perform(post("/portal/account/mobile").with(asVerifiedOutsider(me)).with(csrf()).param("mobile", "+61 412 555 404"))
                .andExpect(status().is3xxRedirection());
        String sms = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = '+61412555404' AND channel = 'SMS' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .query(String.class).single();
        String code = sms.replaceAll(".*?(\\d{6}).*", "$1");
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(mvc.perform(post("/portal/account/mobile/confirm").with(asVerifiedOutsider(me)).with(csrf()).param("code", wrong))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString()).contains("4 tries left");
        assertThat(phone(me)).isEqualTo(before);
        mvc.perform(post("/portal/account/mobile/confirm").with(asVerifiedOutsider(me)).with(csrf()).param("code", code))
                .andExpect(status().is3xxRedirection());
        assertThat(phone(me)).isEqualTo("+61412555404");
        assertThat(outsiders.grants(p.adviser, c.id())).filteredOn(g -> me.userId() == g.userId()).singleElement()
                .extracting(GrantView::mobile).isEqualTo("+61412555404");
        assertThat(actions(c.id(), "OUTSIDER_CONTACT_CHANGED")).singleElement().asString().contains(before, "+61412555404");
        assertThat(OutsiderTestSupport.mailsTo(jdbc, me.email())).contains("MOBILE_CHANGED");
        // the code works once
        mvc.perform(post("/portal/account/mobile/confirm").with(asVerifiedOutsider(me)).with(csrf()).param("code", code))
                .andExpect(status().isBadRequest());
    }

    @Test
    void fiveWrongCodes_theCodeDies() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Wrongcode");
        Actor me = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY, null);
        mvc.perform(post("/portal/account/mobile").with(asVerifiedOutsider(me)).with(csrf()).param("mobile", "+61 412 555 405"))
                .andExpect(status().is3xxRedirection());
        String sms = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = '+61412555405' AND channel = 'SMS' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .query(String.class).single();
        String code = sms.replaceAll(".*?(\\d{6}).*", "$1");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < ContactChanges.MAX_CODE_FAILURES; i++) {
            mvc.perform(post("/portal/account/mobile/confirm").with(asVerifiedOutsider(me)).with(csrf()).param("code", wrong))
                    .andExpect(status().isBadRequest());
        }
        mvc.perform(post("/portal/account/mobile/confirm").with(asVerifiedOutsider(me)).with(csrf()).param("code", code))
                .andExpect(status().isBadRequest());
        assertThat(phone(me)).isNotEqualTo("+61412555405");
    }

    private String phone(Actor a) {
        return jdbc.sql("SELECT phone FROM app_user WHERE id = :u").param("u", a.userId()).query(String.class).single();
    }

    private java.util.List<String> actions(long clientId, String action) {
        return jdbc.sql("SELECT before_text || ' -> ' || after_text FROM audit_entry WHERE client_id = :c AND action = :a")
                .param("c", clientId).param("a", action).query(String.class).list();
    }

    private String lastBody(String to) {
        return jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = :r ORDER BY id DESC FETCH FIRST 1 ROWS ONLY").param("r", to)
                .query(String.class).single();
    }

    static String tokenIn(String body) {
        Matcher m = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(body);
        assertThat(m.find()).as("a confirmation link in %s", body).isTrue();
        return m.group(1);
    }
}
