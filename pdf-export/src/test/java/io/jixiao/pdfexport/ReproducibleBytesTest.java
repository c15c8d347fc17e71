package io.jixiao.pdfexport;

import io.jixiao.exports.SnapshotHeader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/** The same snapshot exported twice gives the same bytes, whatever the machine's time zone and locale. */
class ReproducibleBytesTest {

    @Test
    void theSameSnapshotGivesTheSameBytesInAnyTimeZoneAndLocale() {
        List<JsonNode> forms = SeedForms.forms();
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        byte[] first;
        byte[] second;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            first = SeedForms.export(SeedForms.HEADER, forms);
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            Locale.setDefault(Locale.GERMANY);
            second = SeedForms.export(SeedForms.HEADER, SeedForms.forms());
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
        assertThat(second.length).isEqualTo(first.length);
        assertThat(firstDifference(first, second)).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void theDocumentIsDatedWhenTheSnapshotWasTakenAndIdentifiedByItsDigest() throws IOException {
        SnapshotHeader header = new SnapshotHeader("s1", "2023-Q1", "上海市科学技术委员会", SeedForms.HEADER.asOf().withMonth(3),
                OffsetDateTime.parse("2023-04-10T00:00:00Z"), OffsetDateTime.parse("2023-04-10T01:30:00Z"), SeedForms.HEADER.digest());
        try (PDDocument document = Loader.loadPDF(SeedForms.export(header, SeedForms.forms()))) {
            PDDocumentInformation info = document.getDocumentInformation();
            assertThat(info.getCOSObject().getString(COSName.CREATION_DATE)).isEqualTo("D:20230410093000+08'00'");
            assertThat(info.getCOSObject().getString(COSName.MOD_DATE)).isEqualTo("D:20230410093000+08'00'");
            assertThat(info.getCreationDate().toInstant()).isEqualTo(header.takenAt().toInstant());
            assertThat(info.getProducer()).isEqualTo("jixiao");
            assertThat(info.getCreator()).isEqualTo("jixiao");
            assertThat(info.getTitle()).isEqualTo("财政项目支出绩效自评表 2023-Q1 上海市科学技术委员会");
            COSArray id = document.getDocument().getDocumentID();
            byte[] expected = HexFormat.of().parseHex(header.digest().substring(0, 32));
            assertThat(((COSString) id.getObject(0)).getBytes()).isEqualTo(expected);
            assertThat(((COSString) id.getObject(1)).getBytes()).isEqualTo(expected);
        }
    }

    @Test
    void anotherDigestIsAnotherDocumentId() {
        assertThat(PdfExport.documentId("0123456789abcdef0123456789abcdefffff"))
                .isEqualTo(HexFormat.of().parseHex("0123456789abcdef0123456789abcdef"))
                .isNotEqualTo(PdfExport.documentId(SeedForms.HEADER.digest()));
        assertThat(PdfExport.documentId("not hex")).hasSize(16);
    }

    @Test
    void theFontIsEmbeddedAsASubsetNamedByItsGlyphs() throws IOException {
        try (PDDocument document = Loader.loadPDF(SeedForms.export(SeedForms.HEADER, SeedForms.forms()))) {
            var resources = document.getPage(0).getResources();
            COSName name = resources.getFontNames().iterator().next();
            PDFont font = resources.getFont(name);
            assertThat(font).isInstanceOf(PDType0Font.class);
            assertThat(font.getName()).matches("[A-Z]{6}\\+WenQuanYiMicroHei");
            assertThat(font.isEmbedded()).isTrue();
            var file = ((PDType0Font) font).getDescendantFont().getFontDescriptor().getFontFile2();
            assertThat(file.getLength()).as("a subset, not the 4.6 MB font").isLessThan(400_000);
        }
    }

    private static int firstDifference(byte[] first, byte[] second) {
        for (int i = 0; i < Math.min(first.length, second.length); i++) {
            if (first[i] != second[i]) {
                return i;
            }
        }
        return first.length == second.length ? -1 : Math.min(first.length, second.length);
    }
}
