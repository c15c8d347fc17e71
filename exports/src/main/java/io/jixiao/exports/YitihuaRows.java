package io.jixiao.exports;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot's forms as the rows of the national 预算管理一体化 self-evaluation tables: per project-year one 评价
 * (evaluation) row, four 资金 (per-fund-source budget) rows, one 目标 (goal) row and one 指标 (indicator) row per
 * 三级指标, after one 快照 row naming the snapshot. The official table and field codes of the 一体化 technical
 * standard are not public (domain.md §7), so the columns are named after the printed headings. exports/README.md
 * lists every column and where it comes from.
 */
final class YitihuaRows {

    static final String SNAPSHOT = "快照";
    static final String EVALUATION = "评价";
    static final String FUNDS = "资金";
    static final String GOAL = "目标";
    static final String INDICATOR = "指标";

    /** On every row of a project-year: the project-year it belongs to. */
    static final List<String> IDENTITY = List.of("项目编码", "年度", "项目名称", "主管部门", "实施单位");

    static final List<String> SNAPSHOT_COLUMNS = List.of("快照编号", "季度", "主管部门", "截至日期", "数据截至记录时间",
            "快照时间", "SM3摘要");
    static final List<String> EVALUATION_COLUMNS = List.of("总分", "评分等级", "评分规则", "状态", "截至日期",
            "数据截至记录时间", "标记");
    static final List<String> FUNDS_COLUMNS = List.of("序号", "资金来源", "年初批复数", "年度调整金额", "变动后预算数",
            "全年执行数", "资金执行率", "分值", "资金执行得分");
    static final List<String> GOAL_COLUMNS = List.of("预期目标", "实际完成情况");
    static final List<String> INDICATOR_COLUMNS = List.of("序号", "指标编码", "一级指标", "二级指标", "三级指标",
            "年度指标值", "实际完成值", "分值", "得分", "计算得分", "自评得分", "复核得分", "偏差原因分析及改进措施", "标记");

    /** The CSV's columns, in order: every row has all of them, blank where its type has none. */
    static final List<String> CSV_COLUMNS = List.of("记录类型", "快照编号", "项目编码", "年度", "项目名称", "主管部门",
            "实施单位", "序号", "总分", "评分等级", "评分规则", "状态", "截至日期", "数据截至记录时间", "资金来源", "年初批复数",
            "年度调整金额", "变动后预算数", "全年执行数", "资金执行率", "资金执行得分", "预期目标", "实际完成情况", "指标编码",
            "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "计算得分", "自评得分", "复核得分",
            "偏差原因分析及改进措施", "标记", "季度", "快照时间", "SM3摘要");

    /** Columns holding figures: plain decimals when the form's text is one. */
    static final Set<String> FIGURES = Set.of("年度", "序号", "总分", "年初批复数", "年度调整金额", "变动后预算数",
            "全年执行数", "资金执行率", "资金执行得分", "分值", "得分", "计算得分", "自评得分", "复核得分");

    /** The flags of one row, apart: the CSV joins them with {@value #FLAG_SEPARATOR}, the JSON lists them. */
    static final String FLAGS = "标记";
    static final String FLAG_SEPARATOR = "|";

    private YitihuaRows() {
    }

    /** One value of a row: a figure's or a text's string, or the flags. */
    record Row(String type, Map<String, String> values, List<String> flags) {
    }

    /** The rows of one project-year, grouped. */
    record Project(Map<String, String> identity, Row evaluation, List<Row> funds, Row goal, List<Row> indicators) {

        List<Row> rows() {
            List<Row> rows = new ArrayList<>();
            rows.add(evaluation);
            rows.addAll(funds);
            rows.add(goal);
            rows.addAll(indicators);
            return rows;
        }
    }

    static Map<String, String> snapshot(SnapshotHeader header) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("快照编号", header.id());
        values.put("季度", header.quarter());
        values.put("主管部门", header.department() == null ? XlsxExport.ALL_DEPARTMENTS : header.department());
        values.put("截至日期", header.asOf().toString());
        values.put("数据截至记录时间", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(header.knownAt()));
        values.put("快照时间", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(header.takenAt()));
        values.put("SM3摘要", header.digest());
        return values;
    }

    static Project of(FormView form) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("项目编码", form.projectId());
        identity.put("年度", figure(form.year()));
        identity.put("项目名称", form.name());
        identity.put("主管部门", form.department());
        identity.put("实施单位", form.implementingUnit());

        Map<String, String> evaluation = new LinkedHashMap<>();
        evaluation.put("总分", figure(form.total()));
        evaluation.put("评分等级", form.grade());
        evaluation.put("评分规则", form.ruleSet());
        evaluation.put("状态", form.status());
        evaluation.put("截至日期", form.asOf());
        evaluation.put("数据截至记录时间", form.knownAt());

        List<Row> funds = new ArrayList<>();
        int ordinal = 1;
        for (FormView.Labelled labelled : form.fundRows()) {
            FormView.FundRow row = labelled.row() == null ? new FormView.FundRow(null, null, null, null) : labelled.row();
            Map<String, String> values = new LinkedHashMap<>();
            values.put("序号", Integer.toString(ordinal++));
            values.put("资金来源", labelled.label());
            values.put("年初批复数", figure(row.initial()));
            values.put("年度调整金额", Decimals.difference(row.fullYear(), row.initial()));
            values.put("变动后预算数", figure(row.fullYear()));
            values.put("全年执行数", figure(row.executed()));
            values.put("资金执行率", figure(row.rate()));
            values.put("分值", labelled.isTotal() ? figure(form.funds().weight()) : null);
            values.put("资金执行得分", labelled.isTotal() ? figure(form.funds().score()) : null);
            funds.add(new Row(FUNDS, values, List.of()));
        }

        Map<String, String> goal = new LinkedHashMap<>();
        goal.put("预期目标", Texts.plain(form.goalExpected()));
        goal.put("实际完成情况", Texts.plain(form.goalActual()));

        List<Row> indicators = new ArrayList<>();
        ordinal = 1;
        for (FormView.Indicator indicator : form.indicators()) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("序号", Integer.toString(ordinal++));
            values.put("指标编码", indicator.indicatorId());
            values.put("一级指标", indicator.level1());
            values.put("二级指标", indicator.level2());
            values.put("三级指标", indicator.level3());
            values.put("年度指标值", indicator.target());
            values.put("实际完成值", indicator.actual());
            values.put("分值", figure(indicator.weight()));
            values.put("得分", figure(indicator.score()));
            values.put("计算得分", figure(indicator.computedScore()));
            values.put("自评得分", figure(indicator.selfAssessedScore()));
            values.put("复核得分", figure(indicator.reviewedScore()));
            values.put("偏差原因分析及改进措施", indicator.deviation());
            indicators.add(new Row(INDICATOR, values, indicator.flags()));
        }
        return new Project(identity, new Row(EVALUATION, evaluation, form.flags()), funds,
                new Row(GOAL, goal, List.of()), indicators);
    }

    /** A figure in plain notation when its text is a decimal, else the text as it is (a published {@code 86.19%}). */
    static String figure(String text) {
        String plain = Decimals.plain(text);
        return plain == null ? text : plain;
    }
}
