package io.jixiao.pdfexport;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page laid out before it is drawn: cell backgrounds, cell borders and positioned text. Text is kept in the order
 * it was laid out (row by row, cell by cell, line by line), so a text extractor reads the form in that order.
 */
final class Sheet {

    static final PDRectangle SIZE = PDRectangle.A4;
    private static final float HEAD_GRAY = 0.92f;
    private static final float LINE_WIDTH = 0.5f;

    record Box(float x, float y, float width, float height) {
    }

    record Run(float x, float y, float size, float gray, boolean bold, String text) {
    }

    final List<Box> fills = new ArrayList<>();
    final List<Box> borders = new ArrayList<>();
    final List<Run> runs = new ArrayList<>();

    /** Appends the sheet to the document as a new page; its content stream is compressed and written out here. */
    void draw(PDDocument document, PDFont font) throws IOException {
        PDPage page = new PDPage(SIZE);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.OVERWRITE, true)) {
            if (!fills.isEmpty()) {
                content.setNonStrokingColor(HEAD_GRAY);
                for (Box box : fills) {
                    content.addRect(box.x(), box.y(), box.width(), box.height());
                }
                content.fill();
            }
            if (!borders.isEmpty()) {
                content.setStrokingColor(0f);
                content.setLineWidth(LINE_WIDTH);
                for (Box box : borders) {
                    content.addRect(box.x(), box.y(), box.width(), box.height());
                }
                content.stroke();
            }
            content.setLineWidth(0.35f);
            content.beginText();
            float size = -1;
            float gray = -1;
            Boolean bold = null;
            for (Run run : runs) {
                if (run.size() != size) {
                    size = run.size();
                    content.setFont(font, size);
                }
                if (run.gray() != gray) {
                    gray = run.gray();
                    content.setNonStrokingColor(gray);
                }
                if (!Boolean.valueOf(run.bold()).equals(bold)) {
                    bold = run.bold();
                    content.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
                }
                content.setTextMatrix(Matrix.getTranslateInstance(run.x(), run.y()));
                content.showText(run.text());
            }
            content.endText();
        }
    }
}
