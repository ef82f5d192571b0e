package com.atrium.engagement;

import com.atrium.shared.ClientFileRead;
import com.atrium.shared.Actor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The "Export plan (PDF)" button of the client file: a download, or the usual error page (403/404). */
@Controller
class PlanExportController {
    private final PlanExportService plans;

    PlanExportController(PlanExportService plans) {
        this.plans = plans;
    }

    @ClientFileRead(ClientFileRead.Kind.PLAN_EXPORT)
    @GetMapping("/clients/{id}/plan.pdf")
    ResponseEntity<byte[]> download(Actor actor, @PathVariable long id) {
        return pdfResponse(plans.export(actor, id));
    }

    static ResponseEntity<byte[]> pdfResponse(PlanExportService.PlanPdf pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(pdf.fileName()).build().toString())
                .body(pdf.content());
    }
}
