package com.atrium.engagement;

import com.atrium.shared.PlainText;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a Thymeleaf template (well-formed XHTML) to PDF with openhtmltopdf, as the plan export does: Liberation Sans
 * (shipped inside PDFBox) embedded, text cleaned as multi-line plain text first (a NUL must not break the parser), and
 * no external resource ever fetched.
 */
@Component
class PdfRenderer {
    static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private final ITemplateEngine templates;

    PdfRenderer(ITemplateEngine templates) {
        this.templates = templates;
    }

    String html(String template, Map<String, Object> model) {
        return templates.process(template, Set.of(), new Context(Locale.ENGLISH, model));
    }

    byte[] pdf(String template, Map<String, Object> model) {
        String html = PlainText.cleanMultiLine(html(template, model));
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            new PdfRendererBuilder()
                    .useFastMode()
                    .useFont(() -> PdfRenderer.class.getResourceAsStream(FONT), "Liberation Sans")
                    .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                    .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                    .withHtmlContent(html, null)
                    .withProducer("Atrium")
                    .toStream(out)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("The PDF could not be rendered", e);
        }
        return out.toByteArray();
    }
}
