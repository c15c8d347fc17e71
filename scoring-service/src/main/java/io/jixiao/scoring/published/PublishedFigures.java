package io.jixiao.scoring.published;

import io.jixiao.contracts.InvalidValueException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The figures a project-year's published form printed (an imported form's 执行率, 得分, 总分, 评分等级 …), by field
 * name as the live form names them ({@code funds.total.rate}, {@code indicators.i3.score}, {@code total}). Kept apart
 * from the events: they are what a unit printed, not facts of the year, and the live form is compared with them.
 */
@Component
public class PublishedFigures {

    /** A field: the form's path of a figure. */
    static final Pattern FIELD = Pattern.compile("(funds\\.(total|currentYearAppropriation|priorYearCarryover|otherFunds)"
            + "\\.(initial|fullYear|executed|rate)|funds\\.(weight|score)|indicators\\.[A-Za-z0-9_.-]{1,40}\\.(weight|score)"
            + "|total|grade)");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{1,6})?");
    private static final int MAX_FIELDS = 500;

    private final JdbcClient jdbc;

    PublishedFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A published figure the live form does not reproduce. */
    public record Difference(String field, String published, String computed) {
    }

    /** Replaces what was published for a project-year (a corrected import replaces the earlier reading). */
    @Transactional
    public Map<String, String> replace(String projectId, String source, Map<String, String> figures) {
        if (source != null && source.length() > 1000) {
            throw new InvalidValueException("source", "source is an address or title of at most 1000 characters");
        }
        if (figures == null || figures.size() > MAX_FIELDS) {
            throw new InvalidValueException("figures", "figures is an object of at most " + MAX_FIELDS + " fields");
        }
        Map<String, String> checked = new TreeMap<>();
        figures.forEach((field, value) -> {
            if (field == null || !FIELD.matcher(field).matches()) {
                throw new InvalidValueException("figures", "unknown field " + field + "; fields are the form's paths, e.g. "
                        + "funds.total.rate, funds.score, indicators.i1.score, total, grade");
            }
            if (value == null || !(field.equals("grade") ? value.length() <= 10 && !value.isBlank() : DECIMAL.matcher(value).matches())) {
                throw new InvalidValueException("figures", field + " must be a plain decimal (a grade: its text), not " + value);
            }
            checked.put(field, value);
        });
        jdbc.sql("delete from published_figure where project_id = ?").param(projectId).update();
        checked.forEach((field, value) -> jdbc.sql("insert into published_figure (project_id, field, value) values (?, ?, ?)")
                .params(projectId, field, value).update());
        jdbc.sql("""
                        insert into published_source (project_id, source) values (?, ?)
                        on conflict (project_id) do update set source = excluded.source, recorded_at = now()
                        """).params(projectId, source).update();
        return checked;
    }

    /** {@link #of(String)} of many project-years in one query, by project id (absent: none published). */
    public Map<String, Map<String, String>> of(java.util.Collection<String> projectIds) {
        Map<String, Map<String, String>> projects = new java.util.HashMap<>();
        jdbc.sql("select project_id, field, value from published_figure where project_id = any(cast(? as text[])) order by project_id, field")
                .param(projectIds.toArray(String[]::new))
                .query((row, number) -> projects.computeIfAbsent(row.getString("project_id"), id -> new LinkedHashMap<>())
                        .put(row.getString("field"), row.getString("value"))).list();
        return projects;
    }

    public Map<String, String> of(String projectId) {
        Map<String, String> figures = new LinkedHashMap<>();
        jdbc.sql("select field, value from published_figure where project_id = ? order by field").param(projectId)
                .query((row, number) -> figures.put(row.getString("field"), row.getString("value"))).list();
        return figures;
    }

    /**
     * Each published figure that differs from the live form's, in field order: decimals compared by value (10 and
     * 10.00 agree), a grade by its text. A published figure the live form has no counterpart of is a difference.
     */
    public static List<Difference> compare(Map<String, String> published, Map<String, String> computed) {
        List<Difference> differences = new ArrayList<>();
        published.forEach((field, value) -> {
            String live = computed.get(field);
            boolean same = live != null && (field.equals("grade") ? live.equals(value)
                    : new BigDecimal(live).compareTo(new BigDecimal(value)) == 0);
            if (!same) {
                differences.add(new Difference(field, value, live));
            }
        });
        return differences;
    }
}
