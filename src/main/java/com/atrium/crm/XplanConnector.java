package com.atrium.crm;

import com.atrium.crm.CrmOAuth.CrmTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The XPLAN connector: Iress Xplan's "resourceful" API ({@code shared/crm/xplan-api.md}). Every call carries
 * {@code X-Xplan-App-Id} and the OAuth bearer token; clients are read a page at a time with bookmark paging
 * ({@code page_size}, {@code page_bookmark} sent unencoded) and {@code fields.N} selection, and each page's address,
 * contact and insurance lists are fetched with batch requests ({@code POST /resourceful}, at most 100 sub-requests).
 * A 401 refreshes the token (Spring Security's refresh grant) and repeats the call; a 5xx, a 502, a broken connection
 * or a page that is not complete JSON is retried with back-off; a CRM that keeps failing raises
 * {@link CrmUnavailableException} with the reason in words. Tokens and secrets are never logged.
 */
@Component
class XplanConnector implements CrmConnector {
    private static final Logger log = LoggerFactory.getLogger(XplanConnector.class);
    static final List<String> CLIENT_FIELDS = List.of("title", "first_name", "middle_name", "last_name", "dob", "sex", "client_adviser",
            "entity_type");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Batch requests of one page in flight at once (the fake serves four at a time; Xplan's limits are unknown). */
    static final int PARALLEL_BATCHES = 3;
    private static final java.util.concurrent.ExecutorService BATCH_CALLS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "crm-batch");
        t.setDaemon(true);
        return t;
    });

    private final CrmTokens tokens;
    private final ForwardHosts hosts;
    private final RestClient.Builder builder;
    private final int attempts;
    private final Duration backoff;
    private final Duration readTimeout;

    XplanConnector(CrmTokens tokens, ForwardHosts hosts, RestClient.Builder builder,
                   @Value("${atrium.crm.attempts:4}") int attempts,
                   @Value("${atrium.crm.backoff:PT0.5S}") Duration backoff,
                   @Value("${atrium.crm.read-timeout:PT30S}") Duration readTimeout) {
        this.tokens = tokens;
        this.hosts = hosts;
        this.builder = builder;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.readTimeout = readTimeout;
    }

    @Override
    public CrmType type() {
        return CrmType.XPLAN;
    }

    @Override
    public Session open(IntegrationRow integration) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build());
        factory.setReadTimeout(readTimeout);
        RestClient rest = builder.clone().requestFactory(factory).build();
        return new XplanSession(integration, hosts.baseUrl(integration.forwardHost()), rest);
    }

    private record Answer(int status, String body, MediaType type) {
    }

    final class XplanSession implements Session {
        private final IntegrationRow integration;
        private final String base;
        private final RestClient rest;
        private CrmTokens.Token token;

        XplanSession(IntegrationRow integration, String base, RestClient rest) {
            this.integration = integration;
            this.base = base;
            this.rest = rest;
        }

        @Override
        public String whoAmI() {
            JsonNode user = call(HttpMethod.GET, "/resourceful/session/user", null);
            String name = text(user.path("entity_name"));
            if (name == null) {
                name = text(user.path("fields").path("entity_name"));
            }
            return name == null ? "Xplan user " + text(user.path("entity_id")) : name;
        }

        @Override
        public Map<String, Adviser> advisers() {
            Map<String, Adviser> out = new LinkedHashMap<>();
            String bookmark = null;
            int pageSize = 500;
            do {
                JsonNode rows = call(HttpMethod.GET, "/resourceful/entity/user-v2?page_size=" + pageSize
                        + "&fields.0=first_name&fields.1=last_name&fields.2=preferred_email" + bookmarkParam(bookmark), null);
                for (JsonNode r : rows) {
                    JsonNode f = r.has("fields") ? r.path("fields") : r;
                    String id = text(r.path("id"));
                    out.put(id, new Adviser(id, text(f.path("first_name")), text(f.path("last_name")), text(f.path("preferred_email"))));
                }
                bookmark = rows.size() == pageSize ? text(rows.get(rows.size() - 1).path("bookmark")) : null;
            } while (bookmark != null);
            return out;
        }

        @Override
        public ClientPage clients(String bookmark, int pageSize) {
            StringBuilder path = new StringBuilder("/resourceful/entity/client-v3?page_size=").append(pageSize);
            for (int i = 0; i < CLIENT_FIELDS.size(); i++) {
                path.append("&fields.").append(i).append('=').append(CLIENT_FIELDS.get(i));
            }
            path.append(bookmarkParam(bookmark));
            JsonNode rows = call(HttpMethod.GET, path.toString(), null);
            if (!rows.isArray()) {
                throw new CrmUnavailableException("Xplan's client list was not a list.");
            }
            List<JsonNode> list = new ArrayList<>();
            rows.forEach(list::add);
            Map<String, JsonNode[]> parts = new LinkedHashMap<>();
            Map<String, String> failures = new LinkedHashMap<>();
            int perBatch = 33; // three sub-requests per client, at most 100 per batch
            List<JsonNode> bodies = new ArrayList<>();
            for (int from = 0; from < list.size(); from += perBatch) {
                List<JsonNode> chunk = list.subList(from, Math.min(list.size(), from + perBatch));
                ObjectNode body = JSON.createObjectNode();
                ArrayNode batch = body.putArray("batch");
                for (JsonNode row : chunk) {
                    String id = text(row.path("id"));
                    for (String list1 : List.of("address", "contact", "insurance_group")) {
                        ObjectNode item = batch.addObject();
                        item.put("name", id + ":" + list1);
                        item.put("method", "GET");
                        item.put("url", "/resourceful/entity/client-v3/" + id + "/" + list1);
                    }
                }
                body.put("include_subtimings", false);
                bodies.add(body);
            }
            for (JsonNode answers : callAll(bodies)) {
                for (JsonNode a : answers) {
                    String[] name = text(a.path("name")).split(":", 2);
                    int code = a.path("code").asInt();
                    int index = switch (name[1]) {
                        case "address" -> 0;
                        case "contact" -> 1;
                        default -> 2;
                    };
                    JsonNode[] p = parts.computeIfAbsent(name[0], k -> new JsonNode[3]);
                    if (code != 200) {
                        failures.putIfAbsent(name[0], "its " + name[1].replace('_', ' ') + " list could not be read (Xplan answered " + code
                                + errorText(a.path("body").asString("")) + ")");
                        continue;
                    }
                    try {
                        p[index] = JSON.readTree(a.path("body").asString("[]"));
                    } catch (JacksonException e) {
                        failures.putIfAbsent(name[0], "its " + name[1].replace('_', ' ') + " list was not readable JSON");
                    }
                }
            }
            List<Record> records = new ArrayList<>();
            for (JsonNode row : list) {
                String id = text(row.path("id"));
                JsonNode fields = row.has("fields") ? row.path("fields") : row;
                JsonNode[] p = parts.getOrDefault(id, new JsonNode[3]);
                String failure = failures.get(id);
                if (failure == null && (p[0] == null || p[1] == null || p[2] == null)) {
                    failure = "Xplan did not answer for all of its lists";
                }
                records.add(new Record(id, fields, p[0], p[1], p[2], failure));
            }
            String next = list.size() == pageSize ? text(list.get(list.size() - 1).path("bookmark")) : null;
            return new ClientPage(records, next);
        }

        /**
         * The page's batch requests, at most {@link #PARALLEL_BATCHES} at a time (the calls of a page are independent; a
         * 401 refreshes the one token for all of them). The answers in the order of the requests; the first failure
         * (after its retries) is thrown as it is.
         */
        private List<JsonNode> callAll(List<JsonNode> bodies) {
            if (bodies.size() <= 1 || PARALLEL_BATCHES <= 1) {
                return bodies.stream().map(b -> call(HttpMethod.POST, "/resourceful", b)).toList();
            }
            List<java.util.concurrent.Future<JsonNode>> futures = new ArrayList<>();
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(PARALLEL_BATCHES);
            try {
                for (JsonNode b : bodies) {
                    slots.acquire();
                    futures.add(BATCH_CALLS.submit(() -> {
                        try {
                            return call(HttpMethod.POST, "/resourceful", b);
                        } finally {
                            slots.release();
                        }
                    }));
                }
                List<JsonNode> out = new ArrayList<>();
                for (java.util.concurrent.Future<JsonNode> f : futures) {
                    out.add(f.get());
                }
                return out;
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new CrmUnavailableException("The sync was stopped.");
            } catch (java.util.concurrent.ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** The access token this session uses until it expires or the CRM refuses it (one refresh at a time). */
        private synchronized String token() {
            if (token == null || (token.expiresAt() != null && token.expiresAt().minusSeconds(60).isBefore(java.time.Instant.now()))) {
                token = tokens.token(integration.id()).orElseThrow(() -> new CrmUnavailableException(
                        "Xplan no longer accepts Atrium's authorisation: connect the integration again (Xplan's consent page)."));
            }
            return token.value();
        }

        /** The CRM refused {@code refused}: unless another call already replaced it, expire it so the next call refreshes. */
        private synchronized void refused(String refused) {
            if (token != null && token.value().equals(refused)) {
                tokens.expire(integration.id());
                token = null;
            }
        }

        private String bookmarkParam(String bookmark) {
            // Xplan wants the bookmark as it came ("=" must stay "="): never URL-encode it
            return bookmark == null ? "" : "&page_bookmark=" + bookmark;
        }

        @Override
        public java.util.Optional<String> findFileNote(String clientId, String guid) {
            JsonNode rows = call(HttpMethod.GET, "/resourceful/docnote-v2?entity_ids=" + enc(clientId) + "&guid=" + enc(guid)
                    + "&page_size=10", null);
            for (JsonNode r : rows) {
                if (guid.equals(text(r.path("guid")))) {
                    return java.util.Optional.ofNullable(text(r.path("docid")));
                }
            }
            return java.util.Optional.empty();
        }

        @Override
        public String createFileNote(String clientId, String subject, String content, String guid) {
            ObjectNode note = JSON.createObjectNode();
            note.put("subject", subject);
            note.put("body", content);
            note.put("mimetype", "text/plain");
            note.putArray("entity_ids").add(Long.parseLong(clientId));
            note.put("doctype", "General");
            note.put("guid", guid);
            // never repeated inside one delivery: a POST that failed may have created the note; the next delivery
            // searches for its guid first
            JsonNode created = call(HttpMethod.POST, "/resourceful/docnote-v2", note, 1);
            String docid = text(created.path("docid"));
            if (docid == null) {
                docid = text(created.path("id"));
            }
            if (docid == null) {
                throw new CrmUnavailableException("Xplan created the file note but did not say its id.");
            }
            return docid;
        }

        @Override
        public boolean hasAttachment(String noteId, String fileName) {
            JsonNode rows = call(HttpMethod.GET, "/resourceful/docnote-v2/" + enc(noteId) + "/attachment-v3", null);
            for (JsonNode r : rows) {
                if (fileName.equals(text(r.path("filename")))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void attach(String noteId, String fileName, byte[] pdf) {
            ObjectNode att = JSON.createObjectNode();
            att.put("filename", fileName);
            att.put("mimetype", "application/pdf");
            ObjectNode content = att.putObject("content");
            content.put("_type", "Binary");
            content.put("_val", java.util.Base64.getEncoder().encodeToString(pdf));
            call(HttpMethod.POST, "/resourceful/docnote-v2/" + enc(noteId) + "/attachment-v3", att, 1);
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
        }

        /** One call with the retry rules; the JSON answer, or a {@link CrmUnavailableException} saying why not. */
        JsonNode call(HttpMethod method, String path, JsonNode body) {
            return call(method, path, body, attempts);
        }

        /** As {@link #call(HttpMethod, String, JsonNode)} with at most {@code maxAttempts} tries (a 401 refresh is not a try). */
        JsonNode call(HttpMethod method, String path, JsonNode body, int maxAttempts) {
            String last = null;
            int refreshes = 0;
            for (int attempt = 1; attempt <= maxAttempts + refreshes; attempt++) {
                String token = token();
                Answer answer;
                try {
                    RestClient.RequestBodySpec spec = rest.method(method).uri(URI.create(base + path))
                            .header("X-Xplan-App-Id", integration.appId())
                            .header("Authorization", "Bearer " + token)
                            .accept(MediaType.APPLICATION_JSON);
                    if (body != null) {
                        spec.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
                    }
                    answer = spec.exchange((req, res) -> new Answer(res.getStatusCode().value(),
                            new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8), res.getHeaders().getContentType()));
                } catch (RestClientException e) {
                    last = "Xplan could not be reached (" + rootMessage(e) + ")";
                    if (attempt < maxAttempts + refreshes) {
                        pause(attempt);
                    }
                    continue;
                }
                if (answer.status() == 401 && refreshes < 2) {
                    // the token expired early (or was revoked): refresh it and repeat the call
                    refreshes++;
                    refused(token);
                    last = "Xplan refused the access token" + errorText(answer.body());
                    continue;
                }
                if (answer.status() >= 500) {
                    last = "Xplan answered " + answer.status() + describeBody(answer);
                    if (attempt < maxAttempts + refreshes) {
                        pause(attempt);
                    }
                    continue;
                }
                if (answer.status() >= 400) {
                    throw new CrmUnavailableException.Refused("Xplan refused " + method + " " + path.replaceAll("\\?.*", "") + ": "
                            + answer.status() + errorText(answer.body()));
                }
                try {
                    return JSON.readTree(answer.body());
                } catch (JacksonException e) {
                    last = "Xplan sent an incomplete or unreadable page";
                    if (attempt < maxAttempts + refreshes) {
                        pause(attempt);
                    }
                }
            }
            log.warn("Integration {}: Xplan kept failing: {}", integration.id(), last);
            throw new CrmUnavailableException(maxAttempts == 1 ? last + "." : last + "; gave up after " + maxAttempts + " attempts.");
        }

        private void pause(int attempt) {
            long millis = backoff.toMillis() * (1L << Math.min(attempt - 1, 5));
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CrmUnavailableException("The sync was stopped.");
                }
            }
        }
    }

    private static String describeBody(Answer a) {
        boolean json = a.type() != null && a.type().isCompatibleWith(MediaType.APPLICATION_JSON);
        if (json) {
            return errorText(a.body());
        }
        String kind = a.type() != null && a.type().isCompatibleWith(MediaType.TEXT_HTML) ? "an HTML page" : "a body that is not JSON";
        return a.status() == 502 ? " Bad Gateway (" + kind + ")" : a.status() == 500 ? " Internal Server Error (" + kind + ")" : " (" + kind + ")";
    }

    /** {@code : <user_message>} from an Xplan error body, or nothing when the body is not one. */
    static String errorText(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String m = text(n.path("user_message"));
            if (m == null) {
                m = text(n.path("error_description"));
            }
            return m == null ? "" : ": " + m;
        } catch (RuntimeException e) {
            return "";
        }
    }

    static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.isValueNode() ? n.asString() : n.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
