package io.jixiao.platform.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-line and narrative text rules of request bodies, accepting and refusing. */
class TextConstraintsTest {

    private final SingleLine.Validator singleLine = new SingleLine.Validator();
    private final Narrative.Validator narrative = new Narrative.Validator();

    @ParameterizedTest
    @ValueSource(strings = {"某某科技有限公司", "记-0630-1", "沪财预〔2023〕1号", "A&B Co. (Shanghai)", "𠮷野家", "e\u0301"})
    void oneLineTextsPass(String text) {
        assertThat(singleLine.isValid(text, null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"某公司\r\nINFO forged", "a\nb", "a\tb", "a\u0000b", "a\u001Bb", "a\u007Fb", "a\u2028b", "a\u2029b", "\u0085"})
    void lineBreaksAndControlCharactersDoNot(String text) {
        assertThat(singleLine.isValid(text, null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"全年开放\n已开放", "<p>一、建设数据底座</p><p>二、功能中心</p>", "第一行<br>第二行", "完成率<90%，原因：施工延期",
            "a < b > c", "\t缩进", "1 <= 2"})
    void narrativesWithLinesAndParagraphsPass(String text) {
        assertThat(narrative.isValid(text, null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<p onclick=\"x()\">点</p>",
            "<a href=\"javascript:x\">链接</a>", "<iframe src=//x></iframe>", "<svg onload=x>", "目标\u0000", "\u001B[31m红"})
    void markupAndControlCharactersDoNot(String text) {
        assertThat(narrative.isValid(text, null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void nullAndEmptyAreLeftToNotBlank(String text) {
        assertThat(singleLine.isValid(null, null)).isTrue();
        assertThat(narrative.isValid(null, null)).isTrue();
        assertThat(singleLine.isValid(text, null)).isTrue();
    }
}
