package com.atrium.audit;

import com.atrium.audit.ReadAudit.ReadView;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.Page;
import com.atrium.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read audit over HTTP: one client's reads (JSON) and the practice's reads by period (CSV). */
@RestController
@Tag(name = "Audit", description = "The tamper-evident audit trail, security events and the read audit")
class ReadAuditApiController {
    private final ReadAudit reads;

    ReadAuditApiController(ReadAudit reads) {
        this.reads = reads;
    }

    @GetMapping("/api/clients/{id}/reads")
    @Operation(summary = "Who opened this client's file, newest first",
            description = "Practice managers and the client's primary professional (403 for other team members, 404 for anyone "
                    + "who may not see the client).")
    Page<ReadView> clientReads(Actor actor, @PathVariable long id, @RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size) {
        return reads.clientReads(actor, id, PageRequest.of(page, size == null ? 50 : size));
    }

    @GetMapping(value = "/api/audit/reads", produces = "text/csv")
    @Operation(summary = "Every opening of a client file in the practice, by period (CSV)",
            description = "Practice managers only. from and to are dates (YYYY-MM-DD, UTC, both included), at most 366 days.")
    void export(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                HttpServletResponse response) throws IOException {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        // checks (permission, period) happen before anything is written, so errors are still problem details
        reads.checkExport(actor, start, end);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"reads-" + start + "-to-" + end + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        reads.exportCsv(actor, start, end, out);
        out.flush();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "Enter a date (YYYY-MM-DD).");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "\"" + value.trim() + "\" is not a date (YYYY-MM-DD).");
        }
    }
}
