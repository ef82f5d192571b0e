package com.atrium.household.plan;

import com.atrium.shared.PlainText;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders the plan with Thymeleaf (templates/household/plan-pdf.html, well-formed XHTML) and turns it
 * into a PDF with openhtmltopdf. The text uses Liberation Sans (shipped inside PDFBox) embedded in the
 * file, so names in any Latin, Greek or Cyrillic script print correctly; no external resource is ever
 * fetched while rendering.
 */
@Component
class PlanPdfRenderer {
    static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private final ITemplateEngine templates;

    PlanPdfRenderer(ITemplateEngine templates) {
        this.templates = templates;
    }

    String html(PlanDocument plan) {
        return templates.process("household/plan-pdf", new Context(Locale.ENGLISH, Map.of("plan", plan)));
    }

    byte[] pdf(PlanDocument plan) {
        // text enters clean (shared.PlainText at the boundary); rows older than that rule, or written by hand, must
        // still not break the XHTML parser (a NUL did: 500): the rendered page is cleaned as multi-line text
        String html = PlainText.cleanMultiLine(html(plan));
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .useFont(() -> PlanPdfRenderer.class.getResourceAsStream(FONT), "Liberation Sans")
                    .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .withHtmlContent(html, null)
                    .withProducer("Atrium")
                    .toStream(out)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("The plan PDF could not be rendered", e);
        }
        return out.toByteArray();
    }
}
