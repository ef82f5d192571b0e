package com.atrium.web;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.atrium.household.ClientView;
import com.atrium.shared.PlainText;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.unit.DataSize;

/**
 * Finding 10: input at the boundary. Every free-text field of every JSON body and form is fed a hostile set (NUL,
 * BEL, ESC, CR/LF, tab, NEL, bidi overrides and isolates, BOM, a lone surrogate): the request succeeds and nothing of
 * it is stored (all text columns are scanned), and the plan PDF still renders. Bad paging and workgroup parameters
 * answer 400 on pages; JSON bodies are bounded before parsing; unknown paths and wrong methods under /api answer
 * problem details.
 */
@IntegrationTest
class InputBoundaryTests {
    /** Each hostile character once, around a marker the database scan looks for. */
    static final String HOSTILE = "\u0000\u0007\u001B[31m\r\n\t\u0085\u202E\u2066\u200F\uFEFF\uD800";

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    @Test
    void everyFreeTextFieldIsCleanedAtTheBoundary_andThePlanPdfStillRenders() throws Exception {
        TestPractice p = fixtures.practice();
        String m = Fixtures.unique("Zqh").replace("-", "");
        String h = hostile(m);
        // JSON: every free-text field of every body that stores text
        String created = ok(json(post("/api/clients"), """
                {"displayName": "%s", "people": [{"firstName": "%s", "middleName": "%s", "lastName": "%s", "relationship": "HOLDER",
                 "email": "%s", "mobile": "+61 412 345 678%s"}]}""".formatted(h, h, h, h, email(m), esc("\u0000\u202E\u2066"))).with(as(p.adviser)));
        long client = Long.parseLong(created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
        long holder = jdbc.sql("SELECT id FROM person WHERE household_id = :c ORDER BY id").param("c", client).query(Long.class).list().get(0);
        ok(json(post("/api/clients/" + client + "/family/people"), """
                {"firstName": "%s", "middleName": "%s", "lastName": "%s", "relationship": "CHILD", "email": "%s"}"""
                .formatted(h, h, h, email(m + "c"))).with(as(p.adviser)));
        ok(json(post("/api/clients/" + client + "/inventory/wealth"), """
                {"kind": "ASSET", "type": "CASH", "description": "%s", "value": 10, "owners": [{"personId": %d}]}"""
                .formatted(h, holder)).with(as(p.adviser)));
        ok(json(post("/api/clients/" + client + "/inventory/donations"), """
                {"date": "2021-06-01", "donorPersonId": %d, "recipientName": "%s", "amount": 5, "kind": "MONEY", "notes": "%s"}"""
                .formatted(holder, h, h)).with(as(p.adviser)));
        ok(json(post("/api/clients/" + client + "/external-advisers"), """
                {"firstName": "%s", "lastName": "%s", "email": "%s", "mobile": "+33612345678", "firm": "%s", "type": "NOTARY"}"""
                .formatted(h, h, email(m + "n"), h)).with(as(p.adviser)));
        ok(json(post("/api/workgroups"), "{\"description\": \"%s\"}".formatted(h)).with(as(p.adviser)));
        ok(json(post("/api/staff"), """
                {"email": "%s", "firstName": "%s", "lastName": "%s", "phone": "+61 2 9555 0101", "type": "SUPPORT", "password": "a-long-password-%s"}"""
                .formatted(email(m + "s"), h, h, m)).with(as(p.manager)));
        ok(json(post("/api/me/tokens"), "{\"name\": \"%s\"}".formatted(h)).with(as(p.adviser)));
        // a web form (the same filter serves every page parameter, Map-bound ones included)
        MockHttpServletResponse page = mvc.perform(post("/clients").with(csrf()).with(as(p.adviser))
                .param("displayName", hostileRaw(m)).param("status", "ACTIVE")
                .param("people[0].firstName", hostileRaw(m)).param("people[0].lastName", hostileRaw(m))
                .param("people[0].relationship", "HOLDER")).andReturn().getResponse();
        assertThat(page.getStatus()).as(page.getContentAsString()).isEqualTo(302);
        assertThat(mvc.perform(get("/clients").param("q", hostileRaw(m)).with(as(p.adviser))).andReturn().getResponse().getStatus()).isEqualTo(200);

        MockHttpServletResponse pdf = mvc.perform(get("/api/clients/" + client + "/plan.pdf").with(as(p.adviser))).andReturn().getResponse();
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");

        List<String> stored = storedValuesWith(m);
        assertThat(stored).as("every field above stored its text").hasSizeGreaterThanOrEqualTo(20);
        assertThat(stored).allSatisfy(v -> assertThat(PlainText.isClean(v.replace("\n", "")))
                .as("no control or bidi character in %s", v.codePoints().mapToObj(Integer::toHexString).toList()).isTrue());
        // the multi-line field kept its line break, the single-line ones got a space
        assertThat(stored).anySatisfy(v -> assertThat(v).contains("\n"));
        assertThat(stored).anySatisfy(v -> assertThat(v).startsWith("A[31m ").contains(m));
    }

    @ParameterizedTest
    @CsvSource({"page, -1", "page, abc", "page, 99999999999", "workgroup, abc", "workgroup, 1.5"})
    void badPagingOrWorkgroupParametersOnPagesAnswer400(String name, String value) throws Exception {
        TestPractice p = fixtures.practice();
        MockHttpServletResponse r = mvc.perform(get("/clients").param(name, value).with(as(p.adviser))).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentAsString()).contains("Bad request");
        MockHttpServletResponse api = mvc.perform(get("/api/clients").param(name.equals("workgroup") ? "workgroup" : "page", value)
                .with(as(p.adviser))).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(400);
        assertThat(api.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }

    @Test
    void unknownPathsWrongMethodsAndUnsupportedBodiesUnderApiAnswerProblemDetails() throws Exception {
        TestPractice p = fixtures.practice();
        assertProblem(mvc.perform(get("/api/no-such-thing").with(as(p.adviser))).andReturn().getResponse(), 404);
        assertProblem(mvc.perform(get("/api/clients/1/no-such-tab").with(as(p.adviser))).andReturn().getResponse(), 404);
        assertProblem(mvc.perform(delete("/api/clients").with(csrf()).with(as(p.adviser))).andReturn().getResponse(), 405);
        assertProblem(mvc.perform(put("/api/workgroups").with(csrf()).with(as(p.adviser))).andReturn().getResponse(), 405);
        assertProblem(mvc.perform(post("/api/workgroups").with(csrf()).contentType(MediaType.TEXT_PLAIN).content("x").with(as(p.adviser)))
                .andReturn().getResponse(), 415);
        assertProblem(mvc.perform(json(post("/api/workgroups"), "{\"description\": ").with(as(p.adviser))).andReturn().getResponse(), 400);
        // pages keep the error page (rendered by ErrorPages on the container's error dispatch, which MockMvc does not do;
        // TwoNodesIntegrationTests checks both over real HTTP)
        assertThat(mvc.perform(get("/no-such-page").with(as(p.adviser))).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void jsonBodiesAreBoundedBeforeParsing() throws Exception {
        TestPractice p = fixtures.practice();
        long before = jdbc.sql("SELECT COUNT(*) FROM workgroup").query(Long.class).single();
        String big = "{\"description\": \"" + "x".repeat(1024 * 1024 + 1) + "\"}";
        MockHttpServletResponse r = mvc.perform(json(post("/api/workgroups"), big).with(as(p.adviser))).andReturn().getResponse();
        assertProblem(r, 413);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workgroup").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aChunkedJsonBodyStopsBeingReadAtTheLimit() throws Exception {
        RequestBoundaryFilter filter = new RequestBoundaryFilter(DataSize.ofBytes(100));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/workgroups") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked: no declared length
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.setContentType("application/json");
        request.setContent(new byte[101]);
        List<Exception> thrown = new ArrayList<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            try {
                req.getInputStream().readAllBytes();
            } catch (IOException e) {
                thrown.add(e);
            }
        });
        assertThat(thrown).singleElement().isInstanceOf(RequestBoundaryFilter.BodyTooLargeException.class);
        // at the limit it reads everything
        request.setContent(new byte[100]);
        List<Integer> read = new ArrayList<>();
        new RequestBoundaryFilter(DataSize.ofBytes(100)).doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            read.add(req.getInputStream().readAllBytes().length);
        });
        assertThat(read).containsExactly(100);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            firstName    | Ann\\u0000e                 | Anne
            firstName    | Anne\\r\\nMarie            | Anne Marie
            lastName     | \\u202Eexe.txt             | exe.txt
            lastName     | A\\u2066B\\u2069C\\u200FD   | ABCD
            notes        | line 1\\r\\nline\\t2\\u0000 | line 1\\nline 2
            password     | pass\\u0000word            | pass\\u0000word
            people[0].notes | a\\nb                     | a\\nb
            firstName    | Zoë 🙂 Łukasz              | Zoë 🙂 Łukasz
            """)
    void theRuleForEachKindOfField(String field, String raw, String expected) {
        assertThat(PlainText.cleanField(field, unescape(raw))).isEqualTo(unescape(expected));
    }

    // ------------------------------------------------------------------ helpers

    /** Every text value in the database containing the marker (all tables, all character columns). */
    List<String> storedValuesWith(String marker) {
        List<Map<String, Object>> columns = jdbc.sql("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text')
                  AND table_name NOT IN ('flyway_schema_history', 'mail_outbox')""").query().listOfRows();
        List<String> values = new ArrayList<>();
        for (Map<String, Object> c : columns) {
            values.addAll(jdbc.sql("SELECT \"" + c.get("column_name") + "\" FROM \"" + c.get("table_name") + "\" WHERE \""
                    + c.get("column_name") + "\" LIKE :m").param("m", "%" + marker + "%").query(String.class).list());
        }
        return values;
    }

    static String hostileRaw(String marker) {
        return "A" + HOSTILE + marker + "\u202Cz";
    }

    /** The hostile value as JSON string content. */
    static String hostile(String marker) {
        return esc(hostileRaw(marker));
    }

    static String email(String marker) {
        return esc("a\u0000" + marker.toLowerCase() + "\u202E@test.example");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == 'u') {
                    b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                    i += 5;
                    continue;
                }
                b.append(switch (n) { case 'r' -> '\r'; case 'n' -> '\n'; case 't' -> '\t'; default -> n; });
                i++;
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    String ok(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isBetween(200, 299);
        return r.getContentAsString();
    }

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    static void assertProblem(MockHttpServletResponse r, int status) throws Exception {
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        assertThat(r.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(r.getContentAsString()).contains("\"status\":" + status).doesNotContain("exception").doesNotContain("trace");
    }
}
