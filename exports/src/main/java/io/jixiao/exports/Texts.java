package io.jixiao.exports;

import java.util.regex.Pattern;

/** What happens to a form's texts on their way into a file. */
final class Texts {

    /** Excel's limit on the characters of one cell (POI refuses more). */
    static final int XLSX_CELL_LIMIT = 32_767;

    /** What ends a text cut at {@link #XLSX_CELL_LIMIT}; the CSV and JSON keep the whole text. */
    static final String CUT = "…（超出单元格长度，全文见 JSON）";

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("(?i)\\s*(</p\\s*>\\s*<p(\\s[^>]*)?>|<br\\s*/?>)\\s*");
    private static final Pattern PARAGRAPH_TAG = Pattern.compile("(?i)</?p(\\s[^>]*)?>");

    private Texts() {
    }

    /**
     * The text as plain text: published forms carry raw {@code <p>} paragraphs in their goal texts (domain.md §6.15,
     * strip them on export). Paragraph and line breaks become line breaks and the {@code <p>} tags go; nothing else is
     * touched, so a text that merely contains {@code <} stays as written. The live forms of the scoring-service are
     * plain text already and pass unchanged.
     */
    static String plain(String text) {
        if (text == null || text.indexOf('<') < 0) {
            return text;
        }
        String broken = PARAGRAPH_BREAK.matcher(text).replaceAll("\n");
        return PARAGRAPH_TAG.matcher(broken).replaceAll("").strip();
    }

    /** The text cut to what one XLSX cell holds. */
    static String forCell(String text) {
        if (text == null || text.length() <= XLSX_CELL_LIMIT) {
            return text;
        }
        int end = XLSX_CELL_LIMIT - CUT.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }

    /**
     * A text cell of a CSV made inert (OWASP, CSV injection): a text beginning with {@code = + - @}, tab, carriage
     * return or line feed gets a leading {@code '}, so a spreadsheet shows it as text and never runs it as a formula.
     * Only texts pass through here; figures are written as plain decimals, which cannot start a formula.
     */
    static String inert(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\n' -> "'" + text;
            default -> text;
        };
    }
}
