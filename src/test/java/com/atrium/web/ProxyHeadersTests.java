package com.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Finding 11 of the security review, over real HTTP (Tomcat's RemoteIpValve only runs in a real server): behind a
 * proxy that says the client used https, redirects keep https and the proxy's host, and HSTS (on, as under prod) is
 * sent on those https responses only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "atrium.security.hsts=true")
@ActiveProfiles("test")
class ProxyHeadersTests {
    @LocalServerPort int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void redirectsKeepHttpsAndTheProxysHost() throws Exception {
        HttpResponse<String> r = get("/clients", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "atrium.example.com",
                "X-Forwarded-For", "203.0.113.9");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("https://atrium.example.com/login"));
        assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void plainHttpGetsNoHsts() throws Exception {
        HttpResponse<String> r = get("/login");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
}
