package io.jixiao.platform.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTest {

    @Test
    void turnsParagraphsIntoLinesAndDropsScripts() {
        assertThat(PlainText.of("<p>1 个数字底座</p><p>2 个功能中心</p><script>alert(1)</script>")).isEqualTo("1 个数字底座\n2 个功能中心");
        assertThat(PlainText.of("a<br>b")).isEqualTo("a\nb");
    }

    @Test
    void leavesPlainTextAlone() {
        assertThat(PlainText.of("按国产化、密评、等保三级要求进行系统建设")).isEqualTo("按国产化、密评、等保三级要求进行系统建设");
        assertThat(PlainText.of(null)).isNull();
    }
}
