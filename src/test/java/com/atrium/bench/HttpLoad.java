package com.atrium.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP part: starts the real application as its own JVM ({@code -Xms512m -Xmx512m}: a fixed-size heap, as docs/operations.md recommends; the build's classpath) on a free
 * loopback port, pointed at the loaded database with the demo data off, logs the named actors in, and drives
 * endpoints with 16 concurrent users, each a thread with its own keep-alive connection ({@link RawHttp}; the
 * log-in and set-up calls use {@link HttpClient}). Heap is read from the app with {@code jcmd GC.run} +
 * {@code GC.heap_info} (used heap right after a full GC) after start-up and after the load.
 *
 * <p>Authentication: a personal API token ({@code Authorization: Bearer atr_...} from {@code POST /api/me/tokens})
 * when the app offers one, else the session cookie of a form login (HTTP Basic would pay a bcrypt per request).
 */
public final class HttpLoad implements AutoCloseable {

    /** One endpoint's figures: latency percentiles in ms, requests per second, errors (non-2xx). */
    /**
     * One endpoint's figures: latency percentiles in ms, requests per second, errors (non-2xx); for a paced run also
     * where its tail was spent: {@code lateP99}, the p99 of how late the client thread sent the request after its
     * scheduled start (it was not running: the 2 cores were busy), and {@code sentP99}, the p99 of the latency counted
     * from the moment the request was actually written (what the server and the loopback took).
     */
    public record Figures(String endpoint, long requests, double p50, double p99, double max, double perSecond, long errors, double offered,
                          double lateP99, double sentP99) {
        Figures(String endpoint, long requests, double p50, double p99, double max, double perSecond, long errors) {
            this(endpoint, requests, p50, p99, max, perSecond, errors, 0, 0, p99);
        }

        /** The same figures as measured at a paced, offered rate (requests/s). */
        Figures offered(double rate) {
            return new Figures(endpoint, requests, p50, p99, max, perSecond, errors, rate, lateP99, sentP99);
        }

        Figures split(double late, double sent) {
            return new Figures(endpoint, requests, p50, p99, max, perSecond, errors, offered, late, sent);
        }
    }

    private final Process app;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final Path log;
    public String authMode = "session cookie (form login)";

    public HttpLoad(BenchDatabase db, String classpath) throws IOException, InterruptedException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        log = Files.createTempFile("atrium-bench-app", ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-cp", classpath, "com.atrium.AtriumApplication", "--server.port=" + port,
                "--server.address=127.0.0.1"));
        String jfr = System.getenv("BENCH_APP_JFR"); // e.g. target/app.jfr: profile the app JVM during the HTTP run
        if (jfr != null && !jfr.isBlank()) {
            cmd.add(1, "-XX:StartFlightRecording=settings=profile,filename=" + jfr + ",dumponexit=true");
        }
        String opts = System.getenv("BENCH_APP_OPTS"); // extra JVM options for the app, e.g. -Xlog:gc:file=target/gc.log
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(1, List.of(opts.trim().split("\\s+")));
        }
        if (opts == null || !opts.matches(".*-XX:\\+Use\\w+GC.*")) {
            cmd.add(1, "-XX:+UseG1GC"); // the collector, unless BENCH_APP_OPTS chooses one
        }
        cmd.addAll(AtriumPeer.appArguments(db));
        app = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            try {
                HttpResponse<String> r = http.send(get("/actuator/health", null), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (!app.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The app did not start; see " + log + "\n" + tail());
            }
            Thread.sleep(300);
        }
    }

    public long pid() {
        return app.pid();
    }

    /** Heap used right after a full GC, in MB (jcmd). */
    public double heapUsedAfterGcMb() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(2)) / 1024.0 : -1;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(app.pid()), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /**
     * Credentials for a user: a Bearer token if the app issues personal API tokens, else a session cookie. Returns the
     * header name and value to send.
     */
    public String[] login(String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(get("/login", null), HttpResponse.BodyHandlers.ofString());
        String cookie = cookie(page);
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page.body());
        if (!csrf.find()) {
            csrf = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(page.body());
            if (!csrf.find()) {
                throw new IllegalStateException("No CSRF token on the login page");
            }
        }
        String form = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String session = cookie(r);
        if (r.statusCode() != 302 || session == null || String.valueOf(r.headers().firstValue("Location").orElse("")).contains("error")) {
            throw new IllegalStateException("Login failed for " + email + ": " + r.statusCode() + " " + r.headers().map());
        }
        String[] sessionAuth = {"Cookie", session};
        // a personal API token, if this build of Atrium has them (issue 6 core); the session's CSRF token is on every page
        String home = http.send(get("/clients", sessionAuth), HttpResponse.BodyHandlers.ofString()).body();
        Matcher meta = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(home);
        Matcher header = Pattern.compile("name=\"_csrf_header\" content=\"([^\"]+)\"").matcher(home);
        if (!meta.find() || !header.find()) {
            return sessionAuth;
        }
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(uri("/api/me/tokens")).header("Cookie", session)
                .header("Content-Type", "application/json").header(header.group(1), meta.group(1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher t = Pattern.compile("\"(atr_[A-Za-z0-9_\\-]+)\"").matcher(token.body());
        if (token.statusCode() / 100 == 2 && t.find()) {
            authMode = "Bearer API token";
            return new String[] {"Authorization", "Bearer " + t.group(1)};
        }
        return sessionAuth;
    }

    /** Status of one GET with the given credentials (to see whether an endpoint exists). */
    public int status(String path, String[] auth) throws IOException, InterruptedException {
        return http.send(get(path, auth), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Runs {@code threads} clients for {@code seconds} (after {@code warmupSeconds} not counted); client i uses
     * {@code auths[i % auths.length]} and asks {@code paths[i % paths.length]}.
     */
    public Figures run(String endpoint, List<String[]> auths, List<String> paths, int threads, int warmupSeconds, int seconds)
            throws InterruptedException {
        return run(endpoint, auths, paths, threads, warmupSeconds, seconds, 0);
    }

    /**
     * Like {@link #run(String, List, List, int, int, int)}; with {@code ratePerSecond > 0} the clients are paced
     * (open loop): together they start {@code ratePerSecond} requests a second on a fixed schedule, and each
     * latency is measured from the request's scheduled start, not from when the client got round to sending it,
     * so a slow answer that delays the next request is counted against the server (no coordinated omission).
     * With 0 each client sends its next request as soon as the previous one answered (closed loop, saturation).
     */
    public Figures run(String endpoint, List<String[]> auths, List<String> paths, int threads, int warmupSeconds, int seconds,
                       double ratePerSecond) throws InterruptedException {
        long intervalNs = ratePerSecond > 0 ? (long) (threads * 1e9 / ratePerSecond) : 0;
        long origin = System.nanoTime();
        long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<long[]> samples = new ArrayList<>();
        List<long[]> lates = new ArrayList<>();
        List<long[]> sents = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            String[] auth = auths.get(t % auths.size());
            String path = paths.get(t % paths.size());
            long[] buffer = new long[300_000];
            samples.add(buffer);
            long[] lateBuffer = new long[buffer.length];
            long[] sentBuffer = new long[buffer.length];
            lates.add(lateBuffer);
            sents.add(sentBuffer);
            int index = t;
            Thread th = new Thread(() -> {
                int n = 0;
                byte[] req = RawHttp.get("127.0.0.1", port, path, auth);
                RawHttp conn = new RawHttp("127.0.0.1", port);
                long scheduled = origin + (intervalNs * index) / threads; // clients spread evenly over one interval
                try {
                    while (true) {
                        long start = System.nanoTime();
                        if (intervalNs > 0) {
                            long wait = scheduled - start;
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                            start = scheduled; // latency counts from the scheduled start
                            scheduled += intervalNs;
                        }
                        if (start > end) {
                            break;
                        }
                        long sent = System.nanoTime();
                        int status = conn.send(req);
                        long now = System.nanoTime();
                        long took = now - start;
                        if (status / 100 != 2) {
                            errors.incrementAndGet();
                        }
                        if (start > warmEnd && n < buffer.length) {
                            lateBuffer[n] = Math.max(0, sent - start);
                            sentBuffer[n] = now - sent;
                            buffer[n++] = took;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                } finally {
                    conn.close();
                    buffer[buffer.length - 1] = n; // count in the last slot
                    done.countDown();
                }
            }, "http-load-" + index);
            th.start();
        }
        done.await();
        int total = 0;
        for (long[] b : samples) {
            total += (int) b[b.length - 1];
        }
        long[] all = gather(samples, samples, total);
        return new Figures(endpoint, total, Stats.percentileMs(all, 50), Stats.percentileMs(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, total / (double) seconds, errors.get()).offered(ratePerSecond)
                .split(Stats.percentileMs(gather(lates, samples, total), 99), Stats.percentileMs(gather(sents, samples, total), 99));
    }

    /** One kind of sample from every thread, sorted (each thread's count is in the last slot of its {@code samples} buffer). */
    private static long[] gather(List<long[]> parts, List<long[]> samples, int total) {
        long[] all = new long[total];
        int k = 0;
        for (int i = 0; i < parts.size(); i++) {
            int n = (int) samples.get(i)[samples.get(i).length - 1];
            System.arraycopy(parts.get(i), 0, all, k, n);
            k += n;
        }
        Arrays.sort(all);
        return all;
    }

    private HttpRequest get(String path, String[] auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (auth != null) {
            b.header(auth[0], auth[1]);
        }
        return b.build();
    }

    /**
     * The same endpoint driven by {@code wrk} (the Debian package), closed loop like the saturation rows: {@code threads}
     * connections on 2 wrk threads for {@code seconds}, one path and one credential. Returns wrk's summary lines
     * (requests/s and its latency distribution), or null when wrk is not installed.
     */
    public List<String> wrk(List<String> auth, String path, int threads, int seconds) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/wrk", "-t2", "-c" + threads, "-d" + seconds + "s", "--latency"));
        cmd.add("-H");
        cmd.add(auth.get(0) + ": " + auth.get(1));
        cmd.add(uri(path).toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.contains("Requests/sec") || l.matches("\\s+(50|75|90|99)%.*") || l.contains("requests in")
                || l.contains("Non-2xx")).map(String::strip).toList();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String cookie(HttpResponse<?> r) {
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String h : r.headers().allValues("Set-Cookie")) {
            String pair = h.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return cookies.isEmpty() ? null : String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        app.destroy();
        try {
            if (!app.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}
