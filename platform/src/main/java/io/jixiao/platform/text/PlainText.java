package io.jixiao.platform.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Narratives imported from published forms may carry HTML; they are kept as written and shown as plain text. */
public final class PlainText {

    private PlainText() {
    }

    /** The text without markup: {@code <p>} paragraphs and line breaks become lines; scripts and styles are dropped. */
    public static String of(String original) {
        if (original == null || !original.contains("<")) {
            return original;
        }
        Document document = Jsoup.parse(original);
        document.select("script, style").remove();
        document.select("p, br, div, li").forEach(element -> element.prependText("\n"));
        return document.wholeText().strip().replaceAll("\n{2,}", "\n");
    }
}
