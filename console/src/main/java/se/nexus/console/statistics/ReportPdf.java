package se.nexus.console.statistics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The committee report as a PDF to attach to the county board's report-back: the same figures as the printable page,
 * laid out from its own strict XHTML template by openhtmltopdf, with the PDF's built-in fonts (no font files to ship),
 * so the few characters those fonts lack are written with their nearest equivalent.
 */
@Component
class ReportPdf {

    private final ITemplateEngine templates;

    ReportPdf(ITemplateEngine templates) {
        this.templates = templates;
    }

    byte[] render(Report report, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("report", report);
        context.setVariable("pdf", this);
        String xhtml = templates.process("statistics/report-pdf", context);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(pdf);
            builder.run();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pdf.toByteArray();
    }

    /** Text in the built-in fonts' character set (WinAnsi): a minus sign as a hyphen, a narrow space as a space. */
    public String text(String value) {
        return value == null ? "" : value.replace('\u2212', '-').replace('\u202f', '\u00a0');
    }
}
