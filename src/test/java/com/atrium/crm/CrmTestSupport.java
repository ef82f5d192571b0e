package com.atrium.crm;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.atrium.fakexplan.FakeXplan;
import com.atrium.shared.Actor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Connects an integration through the real consent round trip: Atrium → the fake's consent page → Atrium's callback. */
final class CrmTestSupport {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private CrmTestSupport() {
    }

    /** Adds a confirmed integration with the fake's demo app id and secret (status CONFIGURED). */
    static IntegrationView configured(CrmService crm, Actor manager, FakeXplan fake, String name) {
        return crm.create(manager, new NewIntegrationForm(CrmType.XPLAN, name, "OAUTH2", fake.host(), FakeXplan.DEMO_APP_ID,
                FakeXplan.DEMO_SECRET, true, true));
    }

    /** Goes through the consent page answering {@code decision} ("yes"/"no"); returns the final redirect of Atrium's callback. */
    static String consent(MockMvc mvc, Actor manager, long integrationId, String decision) throws Exception {
        MockHttpSession session = new MockHttpSession();
        MvcResult start = mvc.perform(get("/oauth2/authorization/crm-" + integrationId).session(session).with(as(manager))).andReturn();
        String authorize = start.getResponse().getRedirectedUrl();
        assertThat(authorize).as("redirect to the CRM's consent page").contains("/oauth2/auth?").contains("client_id=" + FakeXplan.DEMO_APP_ID);
        // the consent page is a real HTML page with Yes / No
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"yes\"").contains("value=\"no\"");
        String query = URI.create(authorize).getRawQuery();
        HttpResponse<String> decided = HTTP.send(HttpRequest.newBuilder(URI.create(authorize.substring(0, authorize.indexOf('?'))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query + "&decision=" + decision, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(decided.statusCode()).isEqualTo(302);
        URI back = URI.create(decided.headers().firstValue("Location").orElseThrow());
        // the session (Spring Session JDBC) holds the authorization request: send its cookie back, as a browser would
        jakarta.servlet.http.Cookie[] cookies = start.getResponse().getCookies();
        MvcResult callback = mvc.perform(get(URI.create(back.getRawPath() + "?" + back.getRawQuery())).session(session).cookie(cookies).with(as(manager)))
                .andReturn();
        String next = callback.getResponse().getRedirectedUrl();
        if (next != null && next.contains("/oauth2/callback/")) {
            // the code was exchanged: Spring Security sends the browser back to the redirect URI without the code
            next = mvc.perform(get(URI.create(next).getRawPath() + (URI.create(next).getRawQuery() == null ? "" : "?" + URI.create(next).getRawQuery()))
                    .session(session).cookie(cookies).with(as(manager))).andReturn().getResponse().getRedirectedUrl();
        }
        return next;
    }
}
