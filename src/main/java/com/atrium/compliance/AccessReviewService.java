package com.atrium.compliance;

import com.atrium.access.AccessReview;
import com.atrium.access.AccessService;
import com.atrium.access.PathKind;
import com.atrium.access.ReviewQuery;
import com.atrium.access.ReviewRow;
import com.atrium.access.TeamRole;
import com.atrium.audit.ReadAudit;
import com.atrium.household.HouseholdService;
import com.atrium.shared.Actor;
import com.atrium.shared.CsvCells;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.PageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The access review as pages and CSV: the filters parsed (all errors at once, each on its field), the read audit's
 * queue written first (so "last opened" is up to the moment), then the access module's query.
 */
@Service
public class AccessReviewService {
    static final String CSV_HEADER = "person_id,person,person_type,email,client_id,client,paths,permissions,stale,grant_until,"
            + "last_opened,last_login,why";
    private final AccessService access;
    private final ReadAudit reads;
    private final HouseholdService households;

    AccessReviewService(AccessService access, ReadAudit reads, HouseholdService households) {
        this.access = access;
        this.reads = reads;
        this.households = households;
    }

    /** The filters from request parameters; every invalid one is reported, each on its field. */
    public static ReviewQuery query(String person, String client, String kind, String role, String stale) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long p = id("person", person, errors);
        Long c = id("client", client, errors);
        PathKind k = named("kind", kind, PathKind.class, errors);
        TeamRole r = named("role", role, TeamRole.class, errors);
        ReviewQuery.Stale s = named("stale", stale, ReviewQuery.Stale.class, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Some filters are not valid.", errors);
        }
        return new ReviewQuery(p, c, k, r, s);
    }

    public AccessReview review(Actor actor, ReviewQuery query, PageRequest page) {
        reads.flush();
        AccessReview r = access.review(actor, query, page);
        return new AccessReview(r.practiceWide(), named(actor, r.items()), r.page(), r.size(), r.total());
    }

    /** The rows with the clients' names as screens show them. */
    List<ReviewRow> named(Actor actor, List<ReviewRow> rows) {
        Map<Long, String> names = households.displayNames(actor, rows.stream().map(ReviewRow::clientId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet()));
        return rows.stream().map(r -> r.clientId() == null ? r : r.withClientName(names.get(r.clientId()))).toList();
    }

    /** Practice managers only (403): checked before the CSV response starts, so a refusal is still a problem detail. */
    public void checkCsv(Actor actor) {
        access.require(actor, com.atrium.access.PracticePermission.REVIEW_ACCESS);
    }

    /** The CSV as an HTTP download (the API with {@code Accept: text/csv}, and the page's Export link). */
    void download(Actor actor, ReviewQuery query, jakarta.servlet.http.HttpServletResponse response) throws IOException {
        checkCsv(actor);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"access-review.csv\"");
        Writer out = new java.io.OutputStreamWriter(response.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
        csv(actor, query, out);
        out.flush();
    }

    /** Writes the whole review (every page) as CSV. */
    public void csv(Actor actor, ReviewQuery query, Writer out) {
        checkCsv(actor);
        reads.flush();
        try {
            out.write(CSV_HEADER + "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ReviewRow> chunk = new java.util.ArrayList<>();
        access.reviewEach(actor, query, row -> {
            chunk.add(row);
            if (chunk.size() == 500) {
                write(actor, chunk, out);
            }
        });
        write(actor, chunk, out);
    }

    private void write(Actor actor, List<ReviewRow> chunk, Writer out) {
        try {
            for (ReviewRow row : named(actor, chunk)) {
                out.write(CsvCells.line(row.userId(), row.userName(), row.userType(), row.email(), row.clientId(), row.clientName(),
                        row.kinds().stream().map(Enum::name).collect(Collectors.joining(" ")),
                        row.permissions().stream().map(Enum::name).collect(Collectors.joining(" ")),
                        row.stale().stream().map(Enum::name).collect(Collectors.joining(" ")),
                        row.grantUntil(), row.lastOpened(), row.lastLogin(), row.summary()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk.clear();
    }

    private static Long id(String field, String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            errors.put(field, "\u201c" + value.trim() + "\u201d is not an id (a whole number).");
            return null;
        }
    }

    private static <E extends Enum<E>> E named(String field, String value, Class<E> type, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put(field, "Unknown " + field + " \u201c" + value.trim() + "\u201d; use one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
            return null;
        }
    }
}
