package io.jixiao.scoring.form;

import org.springframework.web.util.HtmlUtils;

import java.util.List;

/** The form as a printable page in the official layout; every text is escaped, so imported markup shows as text. */
final class FormHtml {

    private FormHtml() {
    }

    static String render(Form form) {
        StringBuilder html = new StringBuilder(8192);
        html.append("""
                <!DOCTYPE html>
                <html lang="zh-CN"><head><meta charset="utf-8"><title>财政项目支出绩效自评表</title>
                <style>
                body{font-family:"SimSun","Songti SC",serif;margin:2em}h1{text-align:center;font-size:20px}
                table{border-collapse:collapse;width:100%;margin-bottom:1em}td,th{border:1px solid #000;padding:4px 6px;font-size:13px}
                th{font-weight:normal;background:#f4f4f4}.n{text-align:right;white-space:nowrap}.flag{color:#a00;font-size:11px}
                @media print{body{margin:0}}
                </style></head><body>
                <h1>财政项目支出绩效自评表</h1>
                """);
        html.append("<p style=\"text-align:center\">（").append(form.year()).append(" 年度）</p>\n<table>\n");
        html.append("<tr><th>项目名称</th><td colspan=\"6\">").append(e(form.name())).append("</td></tr>\n");
        html.append("<tr><th>主管部门</th><td colspan=\"2\">").append(e(form.department()))
                .append("</td><th>实施单位</th><td colspan=\"3\">").append(e(form.implementingUnit())).append("</td></tr>\n");
        html.append("<tr><th rowspan=\"5\">项目资金<br>（万元）</th><th></th><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th>"
                + "<th>分数</th><th>执行率（%）</th><th>得分</th></tr>\n");
        Form.Funds funds = form.funds();
        fundRow(html, "年度资金总额", funds.total(), funds.weight(), funds.score());
        fundRow(html, "其中：当年财政拨款", funds.currentYearAppropriation(), "—", "—");
        fundRow(html, "上年结转资金", funds.priorYearCarryover(), "—", "—");
        fundRow(html, "其他资金", funds.otherFunds(), "—", "—");
        html.append("</table>\n<table>\n<tr><th rowspan=\"2\">年度总体目标</th><th>预期目标</th><th>实际完成情况</th></tr>\n<tr><td>")
                .append(lines(form.goal().expected())).append("</td><td>").append(lines(form.goal().actual())).append("</td></tr>\n</table>\n");
        html.append("<table>\n<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th>"
                + "<th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th></tr>\n");
        for (Form.IndicatorRow row : form.indicators()) {
            html.append("<tr><td>").append(e(row.level1())).append("</td><td>").append(e(row.level2())).append("</td><td>")
                    .append(e(row.level3())).append("</td><td>").append(e(row.target())).append("</td><td>").append(e(row.actual()))
                    .append("</td><td class=\"n\">").append(row.weight()).append("</td><td class=\"n\">").append(row.score())
                    .append("</td><td>").append(e(row.deviation())).append(flags(row.flags())).append("</td></tr>\n");
        }
        html.append("<tr><th colspan=\"5\">总分</th><td class=\"n\">100.00</td><td class=\"n\">").append(form.total())
                .append("</td><td>评分等级：").append(e(form.grade())).append("</td></tr>\n</table>\n");
        if (!form.publishedDifferences().isEmpty()) {
            // a published form that does not add up is shown as it is, with every figure it printed otherwise
            html.append("<table class=\"published\">\n<tr><th colspan=\"3\">与公开的自评表不一致的数字（导入时记录）</th></tr>\n"
                    + "<tr><th>项目</th><th>公开数</th><th>按规则计算</th></tr>\n");
            for (var difference : form.publishedDifferences()) {
                html.append("<tr><td>").append(e(label(form, difference.field()))).append("</td><td class=\"n\">").append(e(difference.published()))
                        .append("</td><td class=\"n\">").append(e(difference.computed() == null ? "—" : difference.computed()))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<p class=\"flag\">").append(e(form.projectId())).append(" · 评分规则 ").append(e(form.ruleSet()))
                .append(flags(form.flags())).append("</p>\n</body></html>\n");
        return html.toString();
    }

    private static void fundRow(StringBuilder html, String label, Form.FundRow row, String weight, String score) {
        html.append("<tr><th>").append(label).append("</th><td class=\"n\">").append(thousands(row.initial()))
                .append("</td><td class=\"n\">").append(thousands(row.fullYear())).append("</td><td class=\"n\">")
                .append(thousands(row.executed())).append("</td><td class=\"n\">").append(weight).append("</td><td class=\"n\">")
                .append(row.rate()).append("</td><td class=\"n\">").append(score).append("</td></tr>\n");
    }

    /** 万元 with thousands separators, as printed: 15,903.65. */
    static String thousands(String amount) {
        return String.format(java.util.Locale.ROOT, "%,.2f", new java.math.BigDecimal(amount));
    }

    private static final java.util.Map<String, String> ROWS = java.util.Map.of("total", "年度资金总额",
            "currentYearAppropriation", "当年财政拨款", "priorYearCarryover", "上年结转资金", "otherFunds", "其他资金");
    private static final java.util.Map<String, String> COLUMNS = java.util.Map.of("initial", "年初预算数（元）",
            "fullYear", "全年预算数（元）", "executed", "全年执行数（元）", "rate", "执行率", "weight", "分值", "score", "得分");

    /** A published figure's field as the form's headings name it: 年度资金总额 执行率, 合格率 得分, 总分. */
    static String label(Form form, String field) {
        String[] parts = field.split("\\.");
        if (field.equals("total")) {
            return "总分";
        }
        if (field.equals("grade")) {
            return "评分等级";
        }
        if (parts[0].equals("funds")) {
            return parts.length == 2 ? "项目资金 " + COLUMNS.get(parts[1]) : ROWS.get(parts[1]) + " " + COLUMNS.get(parts[2]);
        }
        String indicator = field.substring("indicators.".length(), field.lastIndexOf('.'));
        String level3 = form.indicators().stream().filter(row -> indicator.equals(row.indicatorId())).map(Form.IndicatorRow::level3)
                .findFirst().orElse(indicator);
        return level3 + " " + COLUMNS.get(parts[parts.length - 1]);
    }

    private static String flags(List<String> flags) {
        return flags.isEmpty() ? "" : " <span class=\"flag\">[" + e(String.join(", ", flags)) + "]</span>";
    }

    private static String lines(String text) {
        return text == null ? "" : e(text).replace("\n", "<br>");
    }

    private static String e(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
