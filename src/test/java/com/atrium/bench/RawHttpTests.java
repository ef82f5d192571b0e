package com.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's load client reads whole answers, sized or chunked, on one kept-alive connection (a misread body
 * would desynchronise the next answer on the connection and show as errors or wrong statuses).
 */
class RawHttpTests {

    @Test
    void readsSizedAndChunkedAnswersOnOneConnection() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        server.createContext("/sized", x -> {
            seen.add(x.getRemoteAddress().toString() + " " + x.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        });
        server.createContext("/chunked", x -> {
            seen.add(x.getRemoteAddress().toString() + " " + x.getRequestHeaders().getFirst("Authorization"));
            x.sendResponseHeaders(201, 0); // 0: chunked
            try (OutputStream o = x.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    o.write(("row " + i + ", ").repeat(40).getBytes(StandardCharsets.UTF_8));
                    o.flush();
                }
            }
        });
        server.createContext("/missing", x -> {
            seen.add(x.getRemoteAddress().toString() + " " + x.getRequestHeaders().getFirst("Authorization"));
            x.sendResponseHeaders(404, -1); // no body
            x.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        try (RawHttp conn = new RawHttp("127.0.0.1", port)) {
            String[] auth = {"Authorization", "Bearer atr_test"};
            List<Integer> statuses = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                statuses.add(conn.send(RawHttp.get("127.0.0.1", port, "/chunked", auth)));
                statuses.add(conn.send(RawHttp.get("127.0.0.1", port, "/sized", auth)));
                statuses.add(conn.send(RawHttp.get("127.0.0.1", port, "/missing", auth)));
            }
            assertThat(statuses).containsExactly(201, 200, 404, 201, 200, 404, 201, 200, 404);
        } finally {
            server.stop(0);
        }
        assertThat(seen).hasSize(9).allSatisfy(s -> assertThat(s).endsWith(" Bearer atr_test"));
        assertThat(seen.stream().map(s -> s.split(" ")[0]).distinct()).as("one connection, kept alive").hasSize(1);
    }
}
