package com.atrium.fakexplan;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Iress Xplan site, reached over real HTTP (a JDK {@link HttpServer} on loopback), behaving like the real
 * one as far as {@code shared/crm/xplan-api.md} knows it: the OAuth 2.0 code flow with a consent page (Yes / No),
 * single-use codes ({@code invalid_grant} on reuse), expiring access tokens and refresh, the {@code X-Xplan-App-Id}
 * header on every resourceful call, bookmark paging on {@code entity/client-v3}, the client's {@code address},
 * {@code contact} and {@code insurance_group} lists, advisers ({@code entity/user-v2}), typed values
 * ({@code {"_type","_val"}}), batches ({@code POST /resourceful}), file notes ({@code docnote-v2}: created, searched by
 * guid / subject / client, read, and their PDF attachments ({@code attachment-v3}, Binary content) stored and listed) and error bodies
 * {@code {user_message, api_message}}. Faults are switched on from the test ({@link #inject}).
 * <p>
 * Not main code: it lives with the tests; {@link FakeXplanAutostart} also starts it in {@code ./mvnw spring-boot:run}.
 * Tokens are signed (HMAC) rather than stored, so a restarted fake still honours the tokens it issued.
 */
public final class FakeXplan implements AutoCloseable {
    public static final String DEMO_APP_ID = "atrium-demo-app";
    public static final String DEMO_SECRET = "atrium-demo-secret";
    public static final String USER_NAME = "Service, Atrium";

    /** The faults a test can switch on. */
    public enum Fault {
        /** the access token is refused with 401 (as if it expired early) */
        EXPIRED_TOKEN,
        /** 500 with an HTML body */
        SERVER_ERROR_HTML,
        /** 502 Bad Gateway */
        BAD_GATEWAY,
        /** the page answers after 2 seconds */
        SLOW_PAGE,
        /** the JSON body is cut off half way */
        TRUNCATED_PAGE,
        /** the request is carried out (a file note is stored) but the answer is a 502, as if a proxy lost it */
        ACCEPTED_THEN_BAD_GATEWAY
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // A real Xplan site answers without Nagle's delay; the JDK server, left alone, sends an answer's headers and body
        // in two segments and the second waits for the client's delayed ACK: 40 ms per call on loopback, which made a
        // 10,000-client sync spend most of its reading time waiting. Read once, when the JDK's server first starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final String[] LAST = {"Nguyen", "Smith", "Patel", "Williams", "Chen", "Brown", "O'Connor", "Taylor", "Martin",
            "Kowalski", "Rossi", "Hughes", "Campbell", "Walker", "Murphy", "Singh", "Tanaka", "Anderson", "Thompson", "Clarke"};
    private static final String[] FIRST = {"Linh", "James", "Priya", "Olivia", "Wei", "Charlotte", "Liam", "Amelia", "Noah", "Ava",
            "Lucas", "Isla", "Mateo", "Chloe", "Ethan", "Grace", "Oscar", "Ruby", "Arjun", "Sofia"};
    private static final String[] TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Mr", "Mrs", "Ms", "Rev"};
    private static final String[] SUBURBS = {"Sydney|NSW|2000", "Manly|NSW|2095", "Carlton|VIC|3053", "Fremantle|WA|6160",
            "New Farm|QLD|4005", "Glenelg|SA|5045"};
    private static final String[] INSURERS = {"TAL", "AIA Australia", "Zurich", "MLC Life", "OnePath"};
    private static final String[] COVERS = {"Life", "TPD", "Trauma", "Income Protection"};
    private static final String[] FREQUENCIES = {"Monthly", "Annually", "Fortnightly", "Quarterly"};

    private final HttpServer server;
    private final byte[] signingKey;
    private final Clock clock;
    private final Map<String, String> apps = new ConcurrentHashMap<>();
    private final Map<Long, Adviser> advisers = new LinkedHashMap<>();
    private final Map<Long, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>(); // code -> redirect_uri (single use)
    private final java.util.Queue<String> refreshRedirects = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Map<Long, ObjectNode> docnotes = new ConcurrentHashMap<>();
    private final AtomicLong docIds = new AtomicLong(9000);
    private final AtomicInteger tokenGeneration = new AtomicInteger();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicInteger faultAfterCalls = new AtomicInteger();
    private final AtomicInteger resourcefulCalls = new AtomicInteger();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final Set<Long> brokenRecords = ConcurrentHashMap.newKeySet();
    private volatile long accessTokenSeconds = 3600;
    private volatile long slowMillis = 2000;

    private FakeXplan(HttpServer server, byte[] signingKey, Clock clock) {
        this.server = server;
        this.signingKey = signingKey;
        this.clock = clock;
        apps.put(DEMO_APP_ID, DEMO_SECRET);
    }

    /** Starts a fake with {@code clients} deterministic clients (seed 1) on a free loopback port. */
    public static FakeXplan start(int clients) {
        return start(0, clients, 1L);
    }

    /** Starts a fake on {@code port} (0: any free one) with {@code clients} clients generated from {@code seed}. */
    public static FakeXplan start(int port, int clients, long seed) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            FakeXplan fake = new FakeXplan(server, ("fake-xplan-signing-" + seed).getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
            fake.seed(clients, seed);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "fake-xplan");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("The fake Xplan could not start: " + e.getMessage(), e);
        }
    }

    /** The forward host to configure in Atrium: {@code 127.0.0.1:<port>} (loopback, so Atrium speaks plain HTTP to it). */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ------------------------------------------------------------------ test controls

    /** Registers another OAuth client (app id and secret). */
    public FakeXplan app(String appId, String secret) {
        apps.put(appId, secret);
        return this;
    }

    /** The next resourceful calls, after {@code afterCalls} more good ones, each answer with one of these faults in turn. */
    public synchronized void inject(int afterCalls, Fault... next) {
        faultAfterCalls.set(afterCalls);
        faults.clear();
        faults.addAll(List.of(next));
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /** Every access token issued so far stops working (the next call gets 401 and must refresh). */
    public void expireAccessTokens() {
        tokenGeneration.incrementAndGet();
    }

    /** How long the slow-page fault waits (2 s unless a test shortens it). */
    public void slowMillis(long millis) {
        this.slowMillis = millis;
    }

    /** Makes one client's record carry broken values (a date that is no date, a sum insured that is no number). */
    public void breakRecord(long clientId) {
        brokenRecords.add(clientId);
    }

    /** A client of the fake, to read or change in a test. */
    public Client client(long id) {
        return clients.get(id);
    }

    public List<Client> clients() {
        return clients.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).toList();
    }

    public List<Adviser> advisers() {
        return List.copyOf(advisers.values());
    }

    public Adviser adviser(long id) {
        return advisers.get(id);
    }

    /** Adds a client (id = max + 1) and returns it. */
    public synchronized Client addClient(String title, String first, String last, LocalDate dob, long adviserId) {
        long id = clients.keySet().stream().mapToLong(Long::longValue).max().orElse(1000) + 1;
        Client c = new Client(id, title, first, null, last, dob.toString(), "Female", adviserId);
        clients.put(id, c);
        return c;
    }

    public int tokenCalls() {
        return tokenCalls.get();
    }

    public int resourcefulCalls() {
        return resourcefulCalls.get();
    }

    public List<String> requestLog() {
        return requestLog;
    }

    public Map<Long, ObjectNode> docnotes() {
        return docnotes;
    }

    /** A refresh token for the demo app, as if the demo practice had already consented (used by the demo run). */
    public String demoRefreshToken() {
        return sign("r|" + DEMO_APP_ID + "|demo");
    }

    /** A valid authorization code, as the consent page would hand out after "Yes" (for tests that skip the browser). */
    public String issueCode(String redirectUri) {
        String code = Long.toString(new Random().nextLong() & Long.MAX_VALUE, 36);
        codes.put(code, redirectUri);
        return code;
    }

    // ------------------------------------------------------------------ data

    public static final class Adviser {
        public final long id;
        public volatile String firstName;
        public volatile String lastName;
        public volatile String email;

        Adviser(long id, String firstName, String lastName, String email) {
            this.id = id;
            this.firstName = firstName;
            this.lastName = lastName;
            this.email = email;
        }
    }

    public static final class Client {
        public final long id;
        public volatile String title;
        public volatile String firstName;
        public volatile String middleName;
        public volatile String lastName;
        public volatile String dob;
        public volatile String sex;
        public volatile long adviserId;
        public final List<Map<String, Object>> addresses = new CopyOnWriteArrayList<>();
        public final List<Map<String, Object>> contacts = new CopyOnWriteArrayList<>();
        public final List<Map<String, Object>> policies = new CopyOnWriteArrayList<>();

        Client(long id, String title, String firstName, String middleName, String lastName, String dob, String sex, long adviserId) {
            this.id = id;
            this.title = title;
            this.firstName = firstName;
            this.middleName = middleName;
            this.lastName = lastName;
            this.dob = dob;
            this.sex = sex;
            this.adviserId = adviserId;
        }

        public Client contact(String type, String value, boolean preferred) {
            contacts.add(new LinkedHashMap<>(Map.of("type", type, "value", value, "preferred", preferred)));
            return this;
        }

        public Client address(String street, String suburb, String state, String postcode, String country, boolean preferred) {
            addresses.add(new LinkedHashMap<>(Map.of("type", "Home", "street", street, "suburb", suburb, "state", state,
                    "postcode", postcode, "country", country, "preferred", preferred)));
            return this;
        }

        public Client policy(long policyId, String type, String insurer, String plan, String number, String status, String frequency,
                             String premium, String sumInsured, String renewal) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", policyId);
            p.put("insurance_type", type);
            p.put("underwriter_description", insurer);
            p.put("plan_name", plan);
            p.put("policy_number", number);
            p.put("status", status);
            p.put("premium_frequency", frequency);
            p.put("installment_premium", premium);
            p.put("sum_insured", sumInsured);
            p.put("renewal_date", renewal);
            policies.add(p);
            return this;
        }

        /** Replaces the preferred email (the others stay, not preferred). */
        public void preferredEmail(String email) {
            contacts.removeIf(c -> "Email".equals(c.get("type")) && Boolean.TRUE.equals(c.get("preferred")));
            contact("Email", email, true);
        }
    }

    private void seed(int count, long seed) {
        advisers.put(501L, new Adviser(501, "Daniel", "Okafor", "adviser1@harbour.example"));
        advisers.put(502L, new Adviser(502, "Sophie", "Lambert", "adviser2@harbour.example"));
        advisers.put(503L, new Adviser(503, "Margaret", "Hale", "manager@harbour.example"));
        advisers.put(504L, new Adviser(504, "Rupert", "Vane", "rupert.vane@elsewhere.example"));
        Random r = new Random(seed);
        long policyId = 70000;
        for (int i = 0; i < count; i++) {
            long id = 1001 + i;
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            LocalDate dob = LocalDate.of(1945 + r.nextInt(55), 1 + r.nextInt(12), 1 + r.nextInt(28));
            long adviser = 501 + r.nextInt(4);
            Client c = new Client(id, TITLES[r.nextInt(TITLES.length)], first, r.nextInt(4) == 0 ? "Jane" : null, last, dob.toString(),
                    r.nextBoolean() ? "Male" : "Female", adviser);
            String local = (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + id;
            c.contact("Email", local + "@mail.example", true);
            c.contact("Email", local + "@work.example", false);
            int phone = r.nextInt(10);
            if (phone < 7) {
                c.contact("Mobile", String.format("+61 4%02d %03d %03d", r.nextInt(100), r.nextInt(1000), r.nextInt(1000)), true);
            } else if (phone == 7) {
                c.contact("Mobile", String.format("04%02d %03d %03d", r.nextInt(100), r.nextInt(1000), r.nextInt(1000)), true);
            } else {
                c.contact("Home Phone", "+61 2 9" + (100 + r.nextInt(900)) + " " + (1000 + r.nextInt(9000)), true);
            }
            c.contact("Home Phone", "+61 2 9555 " + (1000 + r.nextInt(9000)), false);
            String[] place = SUBURBS[r.nextInt(SUBURBS.length)].split("\\|");
            c.address((1 + r.nextInt(200)) + " " + LAST[r.nextInt(LAST.length)] + " Street" + (r.nextInt(3) == 0 ? "\nUnit " + (1 + r.nextInt(20)) : ""),
                    place[0], place[1], place[2], "AU", true);
            if (r.nextBoolean()) {
                c.address("PO Box " + (100 + r.nextInt(900)), place[0], place[1], place[2], "AU", false);
            }
            int policies = r.nextInt(3);
            for (int p = 0; p < policies; p++) {
                String cover = COVERS[r.nextInt(COVERS.length)];
                c.policy(++policyId, cover, INSURERS[r.nextInt(INSURERS.length)], cover + " Protect", "P" + (100000 + r.nextInt(900000)),
                        r.nextInt(6) == 0 ? "Lapsed" : "Inforce", FREQUENCIES[r.nextInt(FREQUENCIES.length)],
                        (20 + r.nextInt(400)) + "." + (10 + r.nextInt(90)), Integer.toString((1 + r.nextInt(40)) * 50_000),
                        LocalDate.of(2026 + r.nextInt(30), 1 + r.nextInt(12), 1 + r.nextInt(28)).toString());
            }
            clients.put(id, c);
        }
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            requestLog.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            if (path.equals("/oauth2/auth")) {
                consent(ex);
            } else if (path.equals("/oauth2/token")) {
                token(ex);
            } else if (path.startsWith("/resourceful")) {
                resourceful(ex, path);
            } else {
                send(ex, 404, "text/plain", "Not found");
            }
        } catch (RuntimeException e) {
            send(ex, 500, "text/html", "<html><body><h1>Internal Server Error</h1></body></html>");
        }
    }

    private void consent(HttpExchange ex) throws IOException {
        Map<String, String> q = "POST".equals(ex.getRequestMethod()) ? form(ex) : query(ex.getRequestURI());
        String clientId = q.getOrDefault("client_id", "");
        String redirect = q.get("redirect_uri");
        String state = q.getOrDefault("state", "");
        if (!apps.containsKey(clientId) || redirect == null || !"code".equals(q.getOrDefault("response_type", "code"))) {
            send(ex, 400, "text/html", "<html><body><h1>Invalid request</h1><p>Unknown application or missing redirect URI.</p></body></html>");
            return;
        }
        if ("POST".equals(ex.getRequestMethod())) {
            String sep = redirect.contains("?") ? "&" : "?";
            String target;
            if ("yes".equals(q.get("decision"))) {
                target = redirect + sep + "code=" + enc(issueCode(redirect)) + "&state=" + enc(state);
            } else {
                target = redirect + sep + "error=access_denied&state=" + enc(state);
            }
            ex.getResponseHeaders().add("Location", target);
            send(ex, 302, "text/plain", "");
            return;
        }
        String html = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Xplan · Authorise application</title>
                <style>body{font-family:sans-serif;background:#f3f5f8;margin:0}main{max-width:32rem;margin:4rem auto;background:#fff;
                padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}h1{font-size:1.3rem;color:#0b3d63}
                button{font-size:1rem;padding:.5rem 1.5rem;margin-right:.5rem}</style></head><body><main>
                <h1>Xplan (fake) &middot; Authorise application</h1>
                <p>Logged in as <strong>%s</strong>.</p>
                <p>The application <strong>%s</strong> asks to read your Xplan clients, advisers and insurance, and to write file notes.
                Do you allow it?</p>
                <form method="post" action="/oauth2/auth">
                <input type="hidden" name="client_id" value="%s"><input type="hidden" name="redirect_uri" value="%s">
                <input type="hidden" name="state" value="%s"><input type="hidden" name="response_type" value="code">
                <button type="submit" name="decision" value="yes">Yes</button>
                <button type="submit" name="decision" value="no">No</button>
                </form></main></body></html>""".formatted(USER_NAME, html(clientId), html(clientId), html(redirect), html(state));
        send(ex, 200, "text/html; charset=utf-8", html);
    }

    private void token(HttpExchange ex) throws IOException {
        tokenCalls.incrementAndGet();
        Map<String, String> f = form(ex);
        String clientId = f.get("client_id");
        String secret = f.get("client_secret");
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            clientId = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        if (clientId == null || !apps.containsKey(clientId) || !apps.get(clientId).equals(secret)) {
            oauthError(ex, 401, "invalid_client", "Unknown client or wrong secret.");
            return;
        }
        String grant = f.getOrDefault("grant_type", "");
        if ("authorization_code".equals(grant)) {
            String redirect = codes.remove(f.getOrDefault("code", ""));
            if (redirect == null) {
                oauthError(ex, 400, "invalid_grant", "The authorization code is invalid or was already used.");
                return;
            }
            if (f.get("redirect_uri") != null && !redirect.equals(f.get("redirect_uri"))) {
                oauthError(ex, 400, "invalid_grant", "The redirect URI does not match.");
                return;
            }
            tokens(ex, clientId);
        } else if ("refresh_token".equals(grant)) {
            String rt = f.getOrDefault("refresh_token", "");
            String payload = verify(rt);
            if (payload == null || !payload.startsWith("r|" + clientId + "|")) {
                oauthError(ex, 400, "invalid_grant", "The refresh token is invalid.");
                return;
            }
            // the Xplan notes (xplan-api.md, OAuth step 4): a refresh carries client_id, client_secret AND redirect_uri
            if (f.getOrDefault("redirect_uri", "").isBlank()) {
                oauthError(ex, 400, "invalid_request", "redirect_uri is required.");
                return;
            }
            refreshRedirects.add(f.get("redirect_uri"));
            tokens(ex, clientId);
        } else {
            oauthError(ex, 400, "unsupported_grant_type", "Use authorization_code or refresh_token.");
        }
    }

    /** The redirect_uri of every refresh so far (tests check what Atrium sends). */
    public java.util.List<String> refreshRedirects() {
        return java.util.List.copyOf(refreshRedirects);
    }

    private void tokens(HttpExchange ex, String clientId) throws IOException {
        long expires = clock.instant().getEpochSecond() + accessTokenSeconds;
        ObjectNode body = JSON.createObjectNode();
        body.put("access_token", sign("a|" + clientId + "|" + tokenGeneration.get() + "|" + expires + "|" + nonce()));
        body.put("token_type", "Bearer");
        body.put("expires_in", accessTokenSeconds);
        body.put("refresh_token", sign("r|" + clientId + "|" + nonce()));
        send(ex, 200, "application/json", JSON.writeValueAsString(body));
    }

    private void resourceful(HttpExchange ex, String path) throws IOException {
        String appId = ex.getRequestHeaders().getFirst("X-Xplan-App-Id");
        if (appId == null || !apps.containsKey(appId)) {
            apiError(ex, 401, "This application is not registered.", "Missing or unknown X-Xplan-App-Id header");
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String payload = auth != null && auth.startsWith("Bearer ") ? verify(auth.substring(7)) : null;
        String[] parts = payload == null ? new String[0] : payload.split("\\|");
        if (parts.length != 5 || !parts[0].equals("a") || !parts[1].equals(appId)
                || Integer.parseInt(parts[2]) != tokenGeneration.get() || Long.parseLong(parts[3]) < clock.instant().getEpochSecond()) {
            apiError(ex, 401, "Your session has expired. Please log in again.", "invalid or expired access token");
            return;
        }
        resourcefulCalls.incrementAndGet();
        Fault fault = nextFault();
        if (fault != null) {
            switch (fault) {
                case EXPIRED_TOKEN -> {
                    apiError(ex, 401, "Your session has expired. Please log in again.", "access token expired");
                    return;
                }
                case SERVER_ERROR_HTML -> {
                    send(ex, 500, "text/html", "<html><head><title>500</title></head><body><h1>Internal Server Error</h1>"
                            + "<p>The server encountered an unexpected condition.</p></body></html>");
                    return;
                }
                case BAD_GATEWAY -> {
                    send(ex, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
                    return;
                }
                case SLOW_PAGE -> sleep(slowMillis);
                case TRUNCATED_PAGE -> {
                    String full = JSON.writeValueAsString(route(ex, path));
                    send(ex, 200, "application/json", full.substring(0, Math.max(1, full.length() / 2)));
                    return;
                }
                case ACCEPTED_THEN_BAD_GATEWAY -> {
                    route(ex, path);
                    send(ex, 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
                    return;
                }
            }
        }
        Object result = route(ex, path);
        if (result instanceof ApiError e) {
            apiError(ex, e.status, e.user, e.api);
        } else {
            send(ex, "POST".equals(ex.getRequestMethod()) && !path.equals("/resourceful") ? 201 : 200, "application/json",
                    JSON.writeValueAsString(result));
        }
    }

    private record ApiError(int status, String user, String api) {
    }

    private Object route(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        Map<String, String> q = query(ex.getRequestURI());
        if (path.equals("/resourceful") && method.equals("POST")) {
            return batch(JSON.readTree(ex.getRequestBody()));
        }
        return get(method, path, q, method.equals("POST") ? JSON.readTree(ex.getRequestBody()) : null);
    }

    private Object batch(JsonNode body) {
        ArrayNode out = JSON.createArrayNode();
        JsonNode items = body.path("batch");
        if (!items.isArray() || items.size() > 100) {
            return new ApiError(400, "A batch holds 1 to 100 requests.", "batch size");
        }
        for (JsonNode item : items) {
            URI uri = URI.create(item.path("url").asString());
            Object r = get(item.path("method").asString("GET").toUpperCase(), uri.getRawPath(), query(uri), item.get("body"));
            ObjectNode o = out.addObject();
            o.put("name", item.path("name").asString());
            if (r instanceof ApiError e) {
                o.put("code", e.status);
                o.put("msg", e.api);
                o.put("body", JSON.writeValueAsString(Map.of("user_message", e.user, "api_message", e.api)));
            } else {
                o.put("code", 200);
                o.put("msg", "OK");
                o.put("body", JSON.writeValueAsString(r));
            }
            o.putObject("headers");
        }
        return out;
    }

    private Object get(String method, String path, Map<String, String> q, JsonNode body) {
        String[] seg = path.substring(1).split("/");
        if (path.equals("/resourceful/session/user")) {
            ObjectNode u = JSON.createObjectNode();
            u.put("entity_id", 1);
            u.put("entity_name", USER_NAME);
            u.put("user_id", "atrium.service");
            return u;
        }
        if (path.equals("/resourceful/entity/user-v2") && method.equals("GET")) {
            ArrayNode rows = JSON.createArrayNode();
            for (Adviser a : advisers.values()) {
                ObjectNode row = rows.addObject();
                row.put("id", a.id);
                row.put("entity_name", a.lastName + ", " + a.firstName);
                row.put("bookmark", bookmark(a.id));
                row.put("first_name", a.firstName);
                row.put("last_name", a.lastName);
                row.put("preferred_email", a.email);
            }
            return rows;
        }
        if (seg.length >= 3 && seg[1].equals("entity") && (seg[2].equals("client-v3") || seg[2].equals("client-v4"))) {
            if (seg.length == 3 && method.equals("GET")) {
                return clientPage(q);
            }
            Client c = seg.length >= 4 ? clients.get(parseId(seg[3])) : null;
            if (c == null) {
                return new ApiError(404, "The client does not exist.", "entity not found");
            }
            if (seg.length == 4) {
                return clientRow(c, fields(q));
            }
            return switch (seg[4]) {
                case "address" -> JSON.valueToTree(c.addresses);
                case "contact" -> JSON.valueToTree(c.contacts);
                case "insurance_group" -> policies(c);
                default -> new ApiError(404, "No such list.", "unknown list " + seg[4]);
            };
        }
        if (path.startsWith("/resourceful/docnote-v2")) {
            return docnote(method, seg, q, body);
        }
        return new ApiError(404, "The resource does not exist.", "no such resource on this Xplan version");
    }

    private Object clientPage(Map<String, String> q) {
        int size = Math.min(1000, Integer.parseInt(q.getOrDefault("page_size", "100")));
        long after = 0;
        String bm = q.get("page_bookmark");
        if (bm != null && !bm.isBlank()) {
            JsonNode b = JSON.readTree(Base64.getDecoder().decode(bm));
            after = b.path("id").asLong();
        }
        List<String> fields = fields(q);
        ArrayNode rows = JSON.createArrayNode();
        long from = after;
        clients.values().stream().filter(c -> c.id > from).sorted((a, b) -> Long.compare(a.id, b.id)).limit(size)
                .forEach(c -> rows.add(clientRow(c, fields)));
        return rows;
    }

    private ObjectNode clientRow(Client c, List<String> fields) {
        boolean broken = brokenRecords.contains(c.id);
        ObjectNode row = JSON.createObjectNode();
        row.put("id", c.id);
        row.put("entity_name", c.lastName + ", " + c.firstName);
        row.put("bookmark", bookmark(c.id));
        for (String f : fields) {
            switch (f) {
                case "title" -> row.put(f, c.title);
                case "first_name" -> row.put(f, c.firstName);
                case "middle_name" -> row.put(f, c.middleName);
                case "last_name" -> row.put(f, c.lastName);
                case "dob" -> {
                    if (c.dob == null) {
                        row.putNull(f);
                    } else {
                        row.set(f, typed("Date", broken ? "31-02-19x0" : c.dob));
                    }
                }
                case "sex" -> row.put(f, c.sex);
                case "client_adviser" -> row.put(f, c.adviserId);
                case "entity_type" -> row.put(f, "individual");
                default -> row.putNull(f);
            }
        }
        return row;
    }

    private ArrayNode policies(Client c) {
        boolean broken = brokenRecords.contains(c.id);
        ArrayNode out = JSON.createArrayNode();
        for (Map<String, Object> p : c.policies) {
            ObjectNode o = out.addObject();
            o.put("id", ((Number) p.get("id")).longValue());
            o.put("insurance_type", (String) p.get("insurance_type"));
            o.put("underwriter_description", (String) p.get("underwriter_description"));
            o.put("plan_name", (String) p.get("plan_name"));
            o.put("policy_number", (String) p.get("policy_number"));
            o.put("status", (String) p.get("status"));
            o.put("premium_frequency", (String) p.get("premium_frequency"));
            ObjectNode premium = o.putObject("installment_premium");
            premium.put("code", "AUD");
            premium.set("value", typed("BigDecimal", (String) p.get("installment_premium")));
            ArrayNode covers = o.putArray("covers");
            ObjectNode cover = covers.addObject();
            cover.put("cover_type", (String) p.get("insurance_type"));
            cover.set("sum_insured", typed("BigDecimal", broken ? "lots" : (String) p.get("sum_insured")));
            cover.set("renewal_date", typed("Date", (String) p.get("renewal_date")));
            cover.put("benefit_status", (String) p.get("status"));
        }
        return out;
    }

    private Object docnote(String method, String[] seg, Map<String, String> q, JsonNode body) {
        if (seg.length == 2 && method.equals("POST")) {
            if (body == null || body.path("subject").asString("").isBlank()) {
                return new ApiError(400, "A file note needs a subject.", "subject required");
            }
            for (JsonNode e : body.path("entity_ids")) {
                if (!clients.containsKey(e.asLong())) {
                    return new ApiError(404, "The client does not exist.", "entity " + e.asLong() + " not found");
                }
            }
            long id = docIds.incrementAndGet();
            ObjectNode note = (ObjectNode) body.deepCopy();
            note.put("docid", id);
            docnotes.put(id, note);
            return note;
        }
        if (seg.length == 2 && method.equals("GET")) {
            ArrayNode rows = JSON.createArrayNode();
            docnotes.values().stream()
                    .filter(n -> q.get("guid") == null || q.get("guid").equals(n.path("guid").asString()))
                    .filter(n -> q.get("subject") == null || q.get("subject").equals(n.path("subject").asString()))
                    .filter(n -> q.get("entity_ids") == null || n.path("entity_ids").toString().contains(q.get("entity_ids")))
                    .forEach(n -> {
                        ObjectNode row = n.deepCopy();
                        row.remove("attachments");
                        rows.add(row);
                    });
            return rows;
        }
        ObjectNode note = seg.length >= 3 ? docnotes.get(parseId(seg[2])) : null;
        if (seg.length >= 3 && note == null) {
            return new ApiError(404, "The file note does not exist.", "docnote not found");
        }
        if (seg.length == 3 && method.equals("GET")) {
            return note;
        }
        if (seg.length == 4 && seg[3].equals("attachment-v3") && method.equals("POST")) {
            JsonNode content = body == null ? null : body.path("content");
            if (content == null || !"Binary".equals(content.path("_type").asString()) || content.path("_val").asString("").isEmpty()) {
                return new ApiError(400, "The attachment needs its content as a Binary value.", "content must be Binary");
            }
            ObjectNode att = note.withArray("attachments").addObject();
            att.put("docpartid", docIds.incrementAndGet());
            att.put("filename", body.path("filename").asString());
            att.put("mimetype", body.path("mimetype").asString());
            att.put("content", content.path("_val").asString());
            att.put("size", Base64.getDecoder().decode(content.path("_val").asString()).length);
            ObjectNode answer = att.deepCopy();
            answer.remove("content");
            return answer;
        }
        if (seg.length == 4 && seg[3].equals("attachment-v3") && method.equals("GET")) {
            ArrayNode rows = JSON.createArrayNode();
            for (JsonNode a : note.path("attachments")) {
                ObjectNode row = ((ObjectNode) a).deepCopy();
                row.remove("content");
                rows.add(row);
            }
            return rows;
        }
        return new ApiError(404, "The resource does not exist.", "unknown docnote path");
    }

    /** The file notes stored for a CRM client, oldest first (what arrived, for the tests to read back). */
    public List<ObjectNode> docnotesOf(long clientId) {
        return docnotes.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue)
                .filter(n -> n.path("entity_ids").toString().contains(Long.toString(clientId))).toList();
    }

    /** The bytes of a file note's attachment (base64-decoded), by index. */
    public byte[] attachment(ObjectNode note, int index) {
        return Base64.getDecoder().decode(note.path("attachments").get(index).path("content").asString());
    }

    // ------------------------------------------------------------------ helpers

    private synchronized Fault nextFault() {
        if (faults.isEmpty()) {
            return null;
        }
        if (faultAfterCalls.get() > 0) {
            faultAfterCalls.decrementAndGet();
            return null;
        }
        return faults.poll();
    }

    private static ObjectNode typed(String type, String value) {
        ObjectNode o = JSON.createObjectNode();
        o.put("_type", type);
        o.put("_val", value);
        return o;
    }

    private static String bookmark(long id) {
        return Base64.getEncoder().encodeToString(("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> fields(Map<String, String> q) {
        List<String> out = new ArrayList<>();
        for (int i = 0; q.containsKey("fields." + i); i++) {
            out.add(q.get("fields." + i));
        }
        return out;
    }

    private static Map<String, String> query(URI uri) {
        return parse(uri.getRawQuery());
    }

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        return parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Map<String, String> parse(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            // bookmarks are sent unencoded ("=" stays "="), so only decode what was encoded
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
            out.put(k, k.equals("page_bookmark") ? v : v.replace("%2B", "+"));
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String nonce() {
        return Long.toString(new Random().nextLong() & Long.MAX_VALUE, 36);
    }

    private String sign(String payload) {
        String p = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return p + "." + mac(p);
    }

    private String verify(String token) {
        int dot = token.lastIndexOf('.');
        if (dot < 0 || !mac(token.substring(0, dot)).equals(token.substring(dot + 1))) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void oauthError(HttpExchange ex, int status, String error, String description) throws IOException {
        send(ex, status, "application/json", JSON.writeValueAsString(Map.of("error", error, "error_description", description)));
    }

    private void apiError(HttpExchange ex, int status, String user, String api) throws IOException {
        send(ex, status, "application/json", JSON.writeValueAsString(Map.of("user_message", user, "api_message", api)));
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** For the benchmark's table: a decimal from the seed. */
    static BigDecimal decimal(String s) {
        return new BigDecimal(s);
    }
}
