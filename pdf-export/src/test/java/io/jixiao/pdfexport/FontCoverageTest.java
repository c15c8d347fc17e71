package io.jixiao.pdfexport;

import io.jixiao.seed.Seed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every character of the seed data has a glyph in the font this module brings, and the font's licence is beside it. */
class FontCoverageTest {

    @Test
    void everyCharacterOfTheSeedFormsHasAGlyph() {
        List<String> texts = new ArrayList<>();
        texts.add(Seed.forms2023());
        texts.add(Seed.text("/seed/000_0470b346dddf4f7b.txt"));
        Seed.PUBLISHED.forEach(name -> texts.add(Seed.published(name)));
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<Integer> seen = new TreeSet<>();
        for (String text : texts) {
            text.codePoints().filter(codePoint -> codePoint >= 0x20).forEach(codePoint -> {
                seen.add(codePoint);
                if (!FormFont.renders(codePoint)) {
                    missing.add(new String(Character.toChars(codePoint)) + String.format(" U+%04X", codePoint));
                }
            });
        }
        assertThat(seen).hasSizeGreaterThan(500);
        assertThat(missing).isEmpty();
    }

    @Test
    void theFontsLicenceIsBesideIt() {
        assertThat(FormFont.class.getResource(FormFont.RESOURCE)).isNotNull();
        assertThat(FormFont.class.getResource("/fonts/LICENSE-WenQuanYiMicroHei.txt")).isNotNull();
    }
}
