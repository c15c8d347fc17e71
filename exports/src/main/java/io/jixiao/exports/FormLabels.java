package io.jixiao.exports;

import java.util.List;

/**
 * What the official 财政项目支出绩效自评表 prints, as {@link FormSheet} lays it out: the headings and labels by which a
 * reader of the workbook (the importer) finds each part of a form, kept here so that writer and reader cannot
 * drift apart.
 */
public final class FormLabels {

    public static final String TITLE = "财政项目支出绩效自评表";
    public static final String PROJECT_NAME = "项目名称";
    public static final String DEPARTMENT = "主管部门";
    public static final String IMPLEMENTING_UNIT = "实施单位";

    /** The funds block's first cell, followed by the amount unit in brackets on a second line: 项目资金\n（万元）. */
    public static final String FUNDS = "项目资金";
    /** The funds block's column headings, columns C–H. */
    public static final List<String> FUND_HEADINGS = List.of("年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", "得分");
    /** The four fund rows' labels (column B) and the form's fields, in the form's order. */
    public static final List<FundRow> FUND_ROWS = List.of(new FundRow("年度资金总额", "total"),
            new FundRow("当年财政拨款", "currentYearAppropriation"), new FundRow("上年结转资金", "priorYearCarryover"),
            new FundRow("其他资金", "otherFunds"));
    /** What the current-year row's label starts with: it is one of the total's sources. */
    public static final String OF_WHICH = "其中：";

    public static final String GOAL = "年度\n总体目标";
    public static final String GOAL_EXPECTED = "预期目标";
    public static final String GOAL_ACHIEVED = "实际完成情况";

    /** The indicator table's headings, columns A–H. */
    public static final List<String> INDICATOR_HEADINGS = List.of("一级指标", "二级指标", "三级指标", "年度指标值",
            "实际完成值", "分值", "得分", "偏差原因分析及改进措施");

    public static final String TOTAL = "总分";
    public static final String GRADE = "评分等级";

    /** What a sub-row prints where only the total row is scored. */
    public static final String NOT_SCORED = "—";

    /** The first note below the table: 项目编码：…　评分规则：…　状态：…, fields separated by an ideographic space. */
    public static final String PROJECT_CODE = "项目编码：";
    public static final String RULE_SET = "评分规则：";
    public static final String STATUS = "状态：";
    public static final String NOTE_SEPARATOR = "　";
    /** What a note prints for a field without value. */
    public static final String NONE = "—";

    /** The heading of the table of published figures the live form does not reproduce: field, 公开数, 按规则计算. */
    public static final String PUBLISHED_DIFFERENCES = "与公开的自评表不一致的数字（导入时记录）";

    /** A fund row's printed label and the form's field for it. */
    public record FundRow(String label, String field) {
    }

    private FormLabels() {
    }
}
