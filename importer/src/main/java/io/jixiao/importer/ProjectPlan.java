package io.jixiao.importer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A project of the import file, validated and turned into the calls that reproduce its form; or, when it is not
 * valid, the reasons, and no calls at all.
 *
 * @param index     its position in the file's {@code projects}, from 1
 * @param name      项目名称 as written (null when missing)
 * @param projectId {@code <year>-<code>}, or null when name or year is missing
 * @param calls     the calls in the order they are posted; empty when rejected
 * @param expected  the position the calls must leave, in 元, per fund source name ({@code CURRENT_YEAR_APPROPRIATION}…)
 * @param errors    why the project is rejected; empty when it is valid
 * @param warnings  what is imported as it is but deserves a look (flagged, never rejected)
 */
public record ProjectPlan(int index, String name, String projectId, List<ApiCall> calls, Map<String, Expected> expected,
                          List<String> errors, List<String> warnings) {

    /** 年初预算数, 全年预算数 and 全年执行数 of one fund source, in 元. */
    public record Expected(BigDecimal initial, BigDecimal fullYear, BigDecimal executed) {
    }

    public ProjectPlan {
        calls = List.copyOf(calls);
        expected = Map.copyOf(expected);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The calls of one kind, in order. */
    public List<ApiCall> calls(ApiCall.Kind kind) {
        return calls.stream().filter(c -> c.kind() == kind).toList();
    }

    /** {@code #3 展示运行}, for reports. */
    public String title() {
        return "#" + index + " " + (name == null ? "(no name)" : name);
    }
}
