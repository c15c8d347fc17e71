package io.jixiao.contracts.indicator;

import io.jixiao.contracts.InvalidValueException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indicator hierarchy's fixed headings: which 二级指标 belong under which 一级指标. Part of the published
 * language: indicator-service checks a definition against it, the importer a published form's rows.
 */
public final class IndicatorHeadings {

    private static final Map<String, List<String>> LEVEL2 = Map.of(
            "产出指标", List.of("数量指标", "质量指标", "时效指标", "成本指标"),
            "效益指标", List.of("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
            "满意度指标", List.of("服务对象满意度指标"),
            "成本指标", List.of("经济成本指标", "社会成本指标", "生态环境成本指标"));

    private IndicatorHeadings() {
    }

    /** The 一级指标 headings. */
    public static Set<String> level1s() {
        return LEVEL2.keySet();
    }

    /** The 二级指标 headings under a 一级指标, written in full; empty for an unknown one. */
    public static List<String> level2sUnder(String level1) {
        return LEVEL2.getOrDefault(level1, List.of());
    }

    /** The level-1 heading, checked. */
    public static String level1(String level1) {
        if (level1 == null || !LEVEL2.containsKey(level1.strip())) {
            throw new InvalidValueException("level1", "level1 must be one of " + LEVEL2.keySet() + ", not " + level1);
        }
        return level1.strip();
    }

    /** The level-2 heading under its level 1, written in full ({@code 数量} becomes {@code 数量指标}). */
    public static String level2(String level1, String level2) {
        String heading = level2 == null ? "" : level2.strip();
        String full = heading.endsWith("指标") ? heading : heading + "指标";
        List<String> allowed = LEVEL2.get(level1(level1));
        if (!allowed.contains(full)) {
            throw new InvalidValueException("level2", "under " + level1 + " level2 must be one of " + allowed + ", not " + level2);
        }
        return full;
    }
}
