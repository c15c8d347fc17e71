package io.jixiao.pdfexport;

import java.util.ArrayList;
import java.util.List;

/**
 * Text broken into lines of a cell's width. Chinese breaks between any two characters; a run of Latin letters and
 * digits (a figure such as {@code ≥15600000.00(人次/年)}'s number) stays whole unless it is wider than the line;
 * closing punctuation never starts a line (it hangs at the end of the previous one, as Chinese typesetting does);
 * a line break in the text starts a new line.
 */
final class Wrap {

    private static final String CLOSING = "，。、；：？！）》」』】〕〉”’…%,.;:!?)]}>·";

    private Wrap() {
    }

    /** The text as the font can print it: line breaks kept, tabs as spaces, control characters and characters without a glyph replaced. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        String unified = text.replace("\r\n", "\n").replace('\r', '\n');
        unified.codePoints().forEach(codePoint -> {
            if (codePoint == '\n') {
                out.append('\n');
            } else if (codePoint == '\t' || codePoint == 0xA0 || Character.isSpaceChar(codePoint) && codePoint != 0x3000) {
                out.append(' ');
            } else if (Character.getType(codePoint) == Character.FORMAT || Character.isISOControl(codePoint)) {
                // zero-width and control characters print nothing
            } else if (FormFont.renders(codePoint)) {
                out.appendCodePoint(codePoint);
            } else {
                out.append(FormFont.REPLACEMENT);
            }
        });
        return out.toString();
    }

    /** One line per paragraph, each broken to the width; an empty text is no lines. */
    static List<String> lines(String text, float width, float size) {
        String printable = printable(text).strip();
        List<String> lines = new ArrayList<>();
        if (printable.isEmpty()) {
            return lines;
        }
        for (String paragraph : printable.split("\n", -1)) {
            paragraph(paragraph.strip(), width, size, lines);
        }
        return lines;
    }

    /**
     * Like {@link #lines}, but for a short text of one paragraph that wraps: the narrowest width that still gives the
     * same number of lines, so the lines come out about as long as each other.
     */
    static List<String> balanced(String text, float width, float size) {
        List<String> lines = lines(text, width, size);
        if (lines.size() < 2 || lines.size() > 4 || printable(text).strip().indexOf('\n') >= 0) {
            return lines;
        }
        float low = width / lines.size();
        float high = width;
        List<String> best = lines;
        while (high - low > 0.5f) {
            float middle = (low + high) / 2;
            List<String> tried = lines(text, middle, size);
            if (tried.size() == lines.size()) {
                best = tried;
                high = middle;
            } else {
                low = middle;
            }
        }
        return best;
    }

    private static void paragraph(String text, float width, float size, List<String> lines) {
        if (text.isEmpty()) {
            lines.add("");
            return;
        }
        StringBuilder line = new StringBuilder();
        float used = 0;
        int i = 0;
        while (i < text.length()) {
            int end = tokenEnd(text, i);
            String token = text.substring(i, end);
            float tokenWidth = FormFont.width(token, size);
            if (used + tokenWidth <= width || line.length() == 0 && tokenWidth <= width
                    || token.length() == 1 && CLOSING.indexOf(token.charAt(0)) >= 0 && line.length() > 0) {
                line.append(token);
                used += tokenWidth;
                i = end;
            } else if (line.length() == 0) {
                // a word wider than the line: as much of it as fits
                int cut = i + 1;
                while (cut < end && FormFont.width(text.substring(i, cut + 1), size) <= width) {
                    cut++;
                }
                lines.add(text.substring(i, cut));
                i = cut;
            } else {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
                used = 0;
                while (i < text.length() && text.charAt(i) == ' ') {
                    i++;
                }
            }
        }
        if (!line.toString().isBlank()) {
            lines.add(line.toString().stripTrailing());
        }
    }

    /** Where the token starting at {@code start} ends: a run of Latin letters and digits, or one character. */
    private static int tokenEnd(String text, int start) {
        int end = start + 1;
        if (latin(text.charAt(start))) {
            while (end < text.length() && latin(text.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    private static boolean latin(char c) {
        return c < 0x2E80 && Character.isLetterOrDigit(c) || c == '.' || c == ',' || c == '_' || c == '-' || c == '\'';
    }
}
