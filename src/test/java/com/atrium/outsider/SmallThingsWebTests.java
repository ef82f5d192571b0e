package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, item 7g and 7d: the Change form of a holder's grant offers only what will be accepted; a wrong password keeps the
 * email typed on the login page; a favicon; destructive one-click actions carry a confirmation saying what will happen.
 */
@IntegrationTest
class SmallThingsWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;

    @Test
    void theChangeFormOfAHoldersGrant_offersNoRefusedLevel() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Levels");
        outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.HOLDER).id(), AccessLevel.READ_WRITE,
                OutsiderTestSupport.email("h"), "+61 412 555 301", null));
        outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(), AccessLevel.READ_WRITE,
                OutsiderTestSupport.email("s"), "+61 412 555 302", null));
        String html = mvc.perform(get("/clients/" + c.id() + "/access-rights").with(as(p.adviser))).andReturn().getResponse().getContentAsString();
        String holderRow = row(html, person(c, Relationship.HOLDER).name());
        String spouseRow = row(html, person(c, Relationship.SPOUSE).name());
        // a holder's read-write access can never be downgraded nor given an end date: nothing to change, no form
        assertThat(holderRow).doesNotContain("data-testid=\"change-access\"").doesNotContain("value=\"READ_ONLY\"");
        // an ordinary grant may go either way
        assertThat(spouseRow).contains("data-testid=\"change-access\"", "value=\"READ_ONLY\"", "value=\"READ_WRITE\"");
    }

    @Test
    void aFavicon_andDestructiveActionsSayWhatWillHappen() throws Exception {
        assertThat(mvc.perform(get("/favicon.ico")).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/img/favicon.svg");
        assertThat(mvc.perform(get("/img/favicon.svg")).andReturn().getResponse().getContentAsString()).startsWith("<svg");
        assertThat(mvc.perform(get("/login")).andReturn().getResponse().getContentAsString()).contains("rel=\"icon\"");
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Confirms");
        long holder = c.people().get(0).id();
        String wealth = mvc.perform(post("/clients/" + c.id() + "/wealth").with(as(p.adviser)).with(csrf()).param("type", "CASH")
                .param("description", "Rainy day").param("value", "10").param("ownerIds", "" + holder)).andReturn().getResponse().getRedirectedUrl();
        assertThat(mvc.perform(get(wealth).with(as(p.adviser))).andReturn().getResponse().getContentAsString())
                .contains("hx-confirm=\"Remove Rainy day (Cash and deposits) from the wealth inventory? It is deleted from the file; this cannot be undone.\"");
    }

    /** The table row of the Access rights tab whose data-name is {@code name}. */
    private static String row(String html, String name) {
        Matcher m = Pattern.compile("<tr[^>]*data-name=\"" + Pattern.quote(name) + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("a row for %s", name).isTrue();
        return m.group(1);
    }
}
