package com.atrium.audit;

import com.atrium.access.AccessService;
import com.atrium.access.AccessSubjects;
import com.atrium.access.Permission;
import com.atrium.access.PracticePermission;
import com.atrium.shared.Actor;
import com.atrium.shared.ClientFileRead;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.Page;
import com.atrium.shared.PageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read audit: who opened which client file, when, what and from where (network address, browser).
 * <p>
 * <b>Without slowing the request.</b> {@link #record} only puts the read in an in-memory queue; a background thread
 * writes the queue to {@code client_read} in JDBC batches every {@code atrium.read-audit.flush-interval} (1 s).
 * <b>Durability:</b> a clean shutdown writes everything still queued (this bean stops after the web server has stopped
 * taking requests and before the database pool closes); a crash (kill -9, power loss) loses at most the reads of the
 * last flush interval. If the database is down the batch is kept and retried; the queue holds up to
 * {@code atrium.read-audit.queue-capacity} reads (100,000), beyond which reads are dropped and counted in the log.
 * <p>
 * <b>Who sees reads:</b> practice managers (every client, and the practice-wide CSV export) and whoever manages the
 * client's team (its primary professional). Others who may open the file get 403; anyone else 404.
 * <b>Retention:</b> {@code atrium.read-audit.retention-days} (730); older reads are deleted daily.
 */
@Service
public class ReadAudit implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ReadAudit.class);
    static final int MAX_EXPORT_DAYS = 366;

    /** One opening of a client file. */
    public record Read(long practiceId, long clientId, long userId, Instant at, ClientFileRead.Kind what, String channel,
                       String ip, String userAgent) {
    }

    /** A read as screens and the API show it. */
    public record ReadView(Instant at, long clientId, long userId, String userName, String what, String whatLabel, String channel,
                           String ip, String userAgent) {
    }

    private final ReadRepository reads;
    private final AccessService access;
    private final AccessSubjects people;
    private final Clock clock;
    private final Duration flushEvery;
    private final int retentionDays;
    private final BlockingQueue<Read> queue;
    private final List<Read> retry = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Object flushLock = new Object();
    private ScheduledExecutorService flusher;
    private volatile boolean running;

    ReadAudit(ReadRepository reads, AccessService access, AccessSubjects people, Clock clock,
              @Value("${atrium.read-audit.flush-interval:PT1S}") Duration flushEvery,
              @Value("${atrium.read-audit.queue-capacity:100000}") int capacity,
              @Value("${atrium.read-audit.retention-days:730}") int retentionDays) {
        this.reads = reads;
        this.access = access;
        this.people = people;
        this.clock = clock;
        this.flushEvery = flushEvery;
        this.retentionDays = retentionDays;
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    // ------------------------------------------------------------------ record

    /** Queues a read (never blocks; written within a flush interval). After shutdown began, writes it at once. */
    public void record(Read read) {
        if (!running) {
            flushNow(List.of(read));
            return;
        }
        if (!queue.offer(read)) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                log.warn("Read audit queue full: {} reads dropped so far (is the database down?)", n);
            }
        }
    }

    /** Writes everything queued now (the background thread does this every flush interval; tests call it). */
    public void flush() {
        synchronized (flushLock) {
            List<Read> batch = new ArrayList<>(retry);
            retry.clear();
            queue.drainTo(batch);
            while (!batch.isEmpty()) {
                if (!flushNow(batch)) {
                    retry.addAll(batch);
                    return;
                }
                batch = new ArrayList<>();
                queue.drainTo(batch, 5000);
            }
        }
    }

    private boolean flushNow(List<Read> batch) {
        try {
            reads.insert(batch);
            return true;
        } catch (RuntimeException e) {
            log.warn("Read audit: {} reads not written yet, retrying: {}", batch.size(), e.toString());
            return false;
        }
    }

    /** Deletes reads older than the retention period; returns how many. */
    @Transactional
    public int purge() {
        return reads.deleteBefore(OffsetDateTime.now(clock).minusDays(retentionDays));
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "read-audit");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(50, flushEvery.toMillis());
        flusher.scheduleWithFixedDelay(() -> {
            try {
                flush();
            } catch (RuntimeException e) {
                log.warn("Read audit flush failed: {}", e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Clean shutdown: stop queueing, write everything still queued. */
    @Override
    public void stop() {
        running = false;
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops at DEFAULT_PHASE - 2048) and before the connection pool closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    // ------------------------------------------------------------------ read

    /**
     * A client's reads, newest first: practice managers and the client's team managers (403), 404 for the rest. Not in a
     * (read-only) transaction: it first writes what is queued.
     */
    public Page<ReadView> clientReads(Actor actor, long clientId, PageRequest page) {
        requireReadsOf(actor, clientId);
        flush();
        List<ReadRepository.Row> rows = reads.page(actor.practiceId(), clientId, page.offset(), page.size());
        long total = rows.size() < page.size() && (page.page() == 0 || !rows.isEmpty())
                ? page.offset() + rows.size() : reads.count(actor.practiceId(), clientId);
        return new Page<>(views(actor.practiceId(), rows), page.page(), page.size(), total);
    }

    /** Whether the actor may see who opened this client's file (the History tab shows the section only then). */
    @Transactional(readOnly = true)
    public boolean maySeeReads(Actor actor, long clientId) {
        return actor.isStaff() && (access.check(actor, PracticePermission.VIEW_AUDIT_TRAIL)
                || access.check(actor, Permission.MANAGE_TEAM, clientId).allowed());
    }

    private void requireReadsOf(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        if (!maySeeReads(actor, clientId)) {
            throw new ForbiddenException("Only practice managers and the client's primary professional see who opened the file.");
        }
    }

    /**
     * Writes the practice's reads from {@code from} to {@code to} (whole days, UTC, both included) as CSV, oldest first:
     * practice managers only. At most {@value #MAX_EXPORT_DAYS} days per export.
     */
    /** The checks of {@link #exportCsv}, on their own, so a controller can answer a problem before writing any CSV. */
    public void checkExport(Actor actor, LocalDate from, LocalDate to) {
        access.require(actor, PracticePermission.VIEW_AUDIT_TRAIL);
        if (from == null || to == null) {
            throw new InvalidInputException("Give both dates of the period: from=YYYY-MM-DD&to=YYYY-MM-DD.",
                    Map.of(from == null ? "from" : "to", "Enter a date (YYYY-MM-DD)."));
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "The end of the period is before its start.");
        }
        if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_EXPORT_DAYS) {
            throw new InvalidInputException("to", "Export at most " + MAX_EXPORT_DAYS + " days at a time.");
        }
    }

    /** Not in a (read-only) transaction: it first writes what is queued, then streams. */
    public void exportCsv(Actor actor, LocalDate from, LocalDate to, Writer out) {
        checkExport(actor, from, to);
        flush();
        OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        try {
            out.write("read_at,user_id,user_name,client_id,what,channel,ip,user_agent\r\n");
            List<ReadRepository.Row> chunk = new ArrayList<>();
            reads.each(actor.practiceId(), start, end, row -> {
                chunk.add(row);
                if (chunk.size() == 1000) {
                    writeCsv(actor.practiceId(), chunk, out);
                    chunk.clear();
                }
            });
            writeCsv(actor.practiceId(), chunk, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeCsv(long practiceId, List<ReadRepository.Row> rows, Writer out) {
        try {
            for (ReadView v : views(practiceId, rows)) {
                out.write(String.join(",", v.at().toString(), Long.toString(v.userId()), csv(v.userName()),
                        Long.toString(v.clientId()), v.what(), v.channel(), csv(v.ip()), csv(v.userAgent())) + "\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ReadView> views(long practiceId, List<ReadRepository.Row> rows) {
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.userId()));
        Map<Long, AccessSubjects.Subject> names = people.findAll(ids);
        return rows.stream().map(r -> {
            AccessSubjects.Subject s = names.get(r.userId());
            String name = s != null && s.practiceId() == practiceId ? s.name() : "user #" + r.userId();
            ClientFileRead.Kind kind = ClientFileRead.Kind.valueOf(r.what());
            return new ReadView(r.at(), r.clientId(), r.userId(), name, r.what(), kind.label(), r.channel(), r.ip(), r.userAgent());
        }).toList();
    }

    /** A CSV field: quoted when needed; a leading =, +, - or @ is neutralised so spreadsheets do not run it as a formula. */
    static String csv(String value) {
        return com.atrium.shared.CsvCells.cell(value);
    }
}
