package io.jixiao.pdfexport;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one font of every export: WenQuanYi Micro Hei, a TrueType (glyf) font, so PDFBox subsets it and embeds only
 * the glyphs a document uses. It comes with this module (see its README), so a machine with only a JDK renders it.
 * Its advance widths are read once into a table: the layout measures every character many times.
 */
final class FormFont {

    /** The face extracted from Debian's fonts-wqy-microhei; its licence is beside it. */
    static final String RESOURCE = "/fonts/WenQuanYiMicroHei.ttf";

    /** What is printed for a character the font has no glyph for. */
    static final char REPLACEMENT = '?';

    private static final Object LOCK = new Object();
    private static byte[] bytes;
    /** Advance width per BMP code point in 1/1000 em (as in the PDF's width array); -1 where there is no glyph. */
    private static int[] widths;

    private FormFont() {
    }

    /** The font embedded (as a subset, at save) in one document; close the returned font after the save. */
    static TrueTypeFont parse() throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(bytes()));
    }

    static PDType0Font load(PDDocument document, TrueTypeFont font) throws IOException {
        return PDType0Font.load(document, font, true);
    }

    /** Whether the font draws this code point. */
    static boolean renders(int codePoint) {
        return codePoint >= 0 && codePoint < 0x10000 && widths()[codePoint] >= 0;
    }

    /** A code point's width in 1/1000 em; the replacement's for one the font lacks. */
    static int width(int codePoint) {
        int[] table = widths();
        return codePoint >= 0 && codePoint < 0x10000 && table[codePoint] >= 0 ? table[codePoint] : table[REPLACEMENT];
    }

    /** A text's width in points at a font size. */
    static float width(CharSequence text, float size) {
        long units = 0;
        for (int i = 0; i < text.length(); i++) {
            units += width(text.charAt(i));
        }
        return units * size / 1000f;
    }

    private static byte[] bytes() {
        synchronized (LOCK) {
            if (bytes == null) {
                try (InputStream in = FormFont.class.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException(RESOURCE + " is not on the class path");
                    }
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return bytes;
        }
    }

    private static int[] widths() {
        synchronized (LOCK) {
            if (widths == null) {
                try (TrueTypeFont font = parse()) {
                    CmapLookup cmap = font.getUnicodeCmapLookup();
                    float scale = 1000f / font.getUnitsPerEm();
                    int[] table = new int[0x10000];
                    for (int codePoint = 0; codePoint < table.length; codePoint++) {
                        int glyph = cmap.getGlyphId(codePoint);
                        table[codePoint] = glyph == 0 ? -1 : Math.round(font.getAdvanceWidth(glyph) * scale);
                    }
                    widths = table;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return widths;
        }
    }
}
