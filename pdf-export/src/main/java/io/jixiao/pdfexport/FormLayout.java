package io.jixiao.pdfexport;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One form laid out on A4 sheets in the official layout of the 财政项目支出绩效自评表: title and year, the snapshot line,
 * 项目名称 / 主管部门 / 实施单位, the 项目资金 block, 年度总体目标, the indicator table with 一级 and 二级指标 merged over the
 * rows that repeat them, 总分 and 评分等级, and a footer line (project id, rule set, status, flags, page of the form).
 * <p>
 * A form that does not fit on one page continues on the next: the title, year, snapshot line and 项目名称 are repeated,
 * with 续表 after the year, and so are the column heads of the block that continues (年度总体目标 or the indicator
 * table). A goal text runs on across the break; an indicator row moves whole to the next page unless it is taller
 * than a page, and then it is cut between lines.
 */
final class FormLayout {

    static final float PAGE_WIDTH = Sheet.SIZE.getWidth();
    static final float PAGE_HEIGHT = Sheet.SIZE.getHeight();
    static final float LEFT = 36;
    static final float RIGHT = PAGE_WIDTH - 36;
    static final float TOP = PAGE_HEIGHT - 34;
    static final float BOTTOM = 28;

    static final float SIZE = 9;
    static final float LEADING = 12;
    static final float PAD_X = 3;
    static final float PAD_Y = 3.5f;
    static final float TITLE_SIZE = 16;
    static final float YEAR_SIZE = 10.5f;
    static final float NOTE_SIZE = 7.5f;
    static final float NOTE_LEADING = 9.5f;
    static final float NOTE_GRAY = 0.3f;

    static final String TITLE = "财政项目支出绩效自评表";

    private static final float WIDTH = RIGHT - LEFT;
    static final Grid INFO = new Grid(LEFT, LEFT + 70, LEFT + WIDTH / 2, LEFT + WIDTH / 2 + 70, RIGHT);
    static final Grid FUNDS = Grid.split(new float[]{LEFT, LEFT + 52, LEFT + 150}, 6);
    static final Grid GOAL = new Grid(LEFT, LEFT + 52, LEFT + 52 + (WIDTH - 52) / 2, RIGHT);
    static final Grid INDICATORS = Grid.of(LEFT, 52, 60, 80, 76, 62, 38, 38, WIDTH - 406);

    enum Align { LEFT, CENTER, RIGHT }

    /** The x edges of a block's columns. */
    record Grid(float... edges) {

        static Grid of(float left, float... widths) {
            float[] edges = new float[widths.length + 1];
            edges[0] = left;
            for (int i = 0; i < widths.length; i++) {
                edges[i + 1] = edges[i] + widths[i];
            }
            return new Grid(edges);
        }

        static Grid split(float[] first, int equal) {
            float[] edges = java.util.Arrays.copyOf(first, first.length + equal);
            float step = (RIGHT - first[first.length - 1]) / equal;
            for (int i = first.length; i < edges.length; i++) {
                edges[i] = edges[i - 1] + step;
            }
            edges[edges.length - 1] = RIGHT;
            return new Grid(edges);
        }

        float width(int from, int to) {
            return edges[to] - edges[from];
        }

        Cell cell(int from, int to, String text, Align align, boolean head) {
            return new Cell(from, to, Wrap.lines(text, width(from, to) - 2 * PAD_X, SIZE), align, head);
        }

        Cell cell(int column, String text, Align align, boolean head) {
            return cell(column, column + 1, text, align, head);
        }

        /** A short text whose lines are made as even as its line count allows: 服务对象满 / 意度指标, not 服务对象满意 / 度指标. */
        Cell balanced(int column, String text, Align align, boolean head) {
            return new Cell(column, column + 1, Wrap.balanced(text, width(column, column + 1) - 2 * PAD_X, SIZE), align, head);
        }
    }

    /** A cell of one row, over columns {@code from} (inclusive) to {@code to} (exclusive), its text already broken into lines. */
    record Cell(int from, int to, List<String> lines, Align align, boolean head) {

        Cell first(int count) {
            return new Cell(from, to, lines.subList(0, Math.min(count, lines.size())), align, head);
        }

        Cell rest(int count) {
            return new Cell(from, to, lines.subList(Math.min(count, lines.size()), lines.size()), align, head);
        }
    }

    /** A cell merged over consecutive rows of one page that share its key: drawn once, when the run ends. */
    private final class Span {
        private final Grid grid;
        private Object key;
        private Cell cell;
        private Sheet sheet;
        private float top;
        private float bottom;

        Span(Grid grid) {
            this.grid = grid;
        }

        void extend(Object key, Cell cell, float top, float bottom) {
            if (this.cell != null && this.sheet == FormLayout.this.sheet && Objects.equals(this.key, key) && this.bottom == top) {
                this.bottom = bottom;
                return;
            }
            close();
            this.key = key;
            this.cell = cell;
            this.sheet = FormLayout.this.sheet;
            this.top = top;
            this.bottom = bottom;
        }

        void close() {
            if (cell != null) {
                box(sheet, grid, cell, top, top - bottom);
                cell = null;
            }
        }
    }

    private final String[] notes;
    private final JsonNode form;
    private final List<Sheet> sheets = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private final List<String> footer;
    private final String year;
    private final Cell nameLabel;
    private final Cell name;
    private Sheet sheet;
    private float y;
    private final float bottom;

    private FormLayout(List<String> notes, JsonNode form) {
        this.notes = notes.toArray(String[]::new);
        this.form = form == null ? tools.jackson.databind.node.MissingNode.getInstance() : form;
        String year = Figures.text(this.form, "year");
        this.year = year == null || year.isBlank() ? "（年度）" : "（" + year.strip() + " 年度）";
        this.nameLabel = INFO.cell(0, "项目名称", Align.CENTER, true);
        this.name = INFO.cell(1, 4, Figures.text(this.form, "name"), Align.LEFT, false);
        this.footer = Wrap.lines(footerText(), WIDTH - 70, NOTE_SIZE);
        this.bottom = BOTTOM + Math.max(1, footer.size()) * NOTE_LEADING + 4;
    }

    /**
     * The form's sheets.
     *
     * @param notes the snapshot line(s), printed under the year on every page
     */
    static List<Sheet> layout(List<String> notes, JsonNode form) {
        FormLayout layout = new FormLayout(notes, form);
        layout.newPage(false);
        layout.info();
        layout.funds();
        layout.goal();
        layout.indicators();
        layout.footers();
        return layout.sheets;
    }

    /** A page with the header and one line of text, for an export without forms. */
    static Sheet empty(List<String> notes, String text) {
        FormLayout layout = new FormLayout(notes, null);
        layout.newPage(false);
        layout.row(INFO, List.of(INFO.cell(0, 4, text, Align.CENTER, false)));
        return layout.sheet;
    }

    private void info() {
        row(INFO, List.of(nameLabel, name));
        row(INFO, List.of(INFO.cell(0, "主管部门", Align.CENTER, true),
                INFO.cell(1, Figures.text(form, "department"), Align.LEFT, false),
                INFO.cell(2, "实施单位", Align.CENTER, true),
                INFO.cell(3, Figures.text(form, "implementingUnit"), Align.LEFT, false)));
    }

    private void funds() {
        String unit = Figures.text(form, "amountUnit");
        Span label = span(FUNDS);
        Cell labelCell = FUNDS.cell(0, "项目资金\n（" + (unit == null || unit.isBlank() ? "万元" : unit.strip()) + "）", Align.CENTER, true);
        List<List<Cell>> rows = new ArrayList<>();
        List<Cell> heads = new ArrayList<>();
        heads.add(FUNDS.cell(1, "", Align.CENTER, true));
        for (String head : List.of("年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", "得分")) {
            heads.add(FUNDS.cell(heads.size() + 1, head, Align.CENTER, true));
        }
        rows.add(heads);
        rows.add(fundRow("年度资金总额", "total", Figures.figure(Figures.text(form, "funds", "weight")),
                Figures.figure(Figures.text(form, "funds", "score"))));
        rows.add(fundRow("其中：当年财政拨款", "currentYearAppropriation", "—", "—"));
        rows.add(fundRow("上年结转资金", "priorYearCarryover", "—", "—"));
        rows.add(fundRow("其他资金", "otherFunds", "—", "—"));
        float height = 0;
        for (List<Cell> row : rows) {
            height += height(row);
        }
        if (!fits(Math.max(height, height(List.of(labelCell))))) {
            newPage(true);
        }
        for (List<Cell> row : rows) {
            float top = y;
            row(FUNDS, row);
            label.extend("funds", labelCell, top, y);
        }
        endBlock();
    }

    private List<Cell> fundRow(String label, String field, String weight, String score) {
        return List.of(FUNDS.cell(1, label, Align.LEFT, true),
                FUNDS.cell(2, Figures.amount(Figures.text(form, "funds", field, "initial")), Align.RIGHT, false),
                FUNDS.cell(3, Figures.amount(Figures.text(form, "funds", field, "fullYear")), Align.RIGHT, false),
                FUNDS.cell(4, Figures.amount(Figures.text(form, "funds", field, "executed")), Align.RIGHT, false),
                FUNDS.cell(5, weight, Align.RIGHT, false),
                FUNDS.cell(6, Figures.figure(Figures.text(form, "funds", field, "rate")), Align.RIGHT, false),
                FUNDS.cell(7, score, Align.RIGHT, false));
    }

    private void goal() {
        Span label = span(GOAL);
        Cell labelCell = GOAL.cell(0, "年度总体\n目标", Align.CENTER, true);
        List<Cell> heads = List.of(GOAL.cell(1, "预期目标", Align.CENTER, true), GOAL.cell(2, "实际完成情况", Align.CENTER, true));
        List<Cell> texts = List.of(GOAL.cell(1, Figures.text(form, "goal", "expected"), Align.LEFT, false),
                GOAL.cell(2, Figures.text(form, "goal", "actual"), Align.LEFT, false));
        float headHeight = height(heads);
        if (!fits(headHeight + Math.min(height(texts), lines(2)))) {
            newPage(true);
        }
        float top = y;
        row(GOAL, heads);
        label.extend("goal", labelCell, top, y);
        while (true) {
            float height = height(texts);
            int fitting = fittingLines();
            if (fits(height) || fitting >= 2) {
                int count = fits(height) ? Integer.MAX_VALUE : fitting;
                top = y;
                row(GOAL, texts.stream().map(cell -> cell.first(count)).toList());
                label.extend("goal", labelCell, top, y);
                texts = texts.stream().map(cell -> cell.rest(count)).toList();
                if (texts.stream().allMatch(cell -> cell.lines().isEmpty())) {
                    break;
                }
            }
            newPage(true);
            top = y;
            row(GOAL, heads);
            label.extend("goal", labelCell, top, y);
        }
        endBlock();
    }

    private void indicators() {
        Grid grid = INDICATORS;
        Span level1 = span(grid);
        Span level2 = span(grid);
        List<Cell> heads = new ArrayList<>();
        for (String head : List.of("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")) {
            heads.add(grid.cell(heads.size(), head, Align.CENTER, true));
        }
        float headHeight = height(heads);
        List<JsonNode> indicators = Figures.array(form, "indicators");
        float first = indicators.isEmpty() ? lines(1) : Math.min(lines(2), height(indicatorCells(indicators.get(0))));
        if (!fits(headHeight + first)) {
            newPage(true);
        }
        row(grid, heads);
        float capacity = continuationTop() - bottom - headHeight;
        for (JsonNode indicator : indicators) {
            String text1 = Figures.text(indicator, "level1");
            String text2 = Figures.text(indicator, "level2");
            // a blank level is its own empty cell, never merged with its neighbours
            Object key1 = text1 == null || text1.isBlank() ? new Object() : text1;
            Object key2 = text2 == null || text2.isBlank() ? new Object() : List.of(key1, text2);
            Cell cell1 = grid.balanced(0, text1, Align.CENTER, false);
            Cell cell2 = grid.balanced(1, text2, Align.CENTER, false);
            // each row is tall enough for its own 一级 and 二级 text, so a merged run always holds its text
            float least = Math.min(height(List.of(cell1, cell2)), capacity);
            List<Cell> cells = indicatorCells(indicator);
            while (true) {
                float height = Math.max(least, height(cells));
                if (fits(height)) {
                    float top = y;
                    row(grid, cells, height);
                    level1.extend(key1, cell1, top, y);
                    level2.extend(key2, cell2, top, y);
                    break;
                }
                int fitting = fittingLines();
                if (height > capacity && fitting >= 2) {
                    // taller than a whole page: cut between lines, the rest on the next page
                    List<Cell> part = cells.stream().map(cell -> cell.first(fitting)).toList();
                    float top = y;
                    row(grid, part, Math.min(Math.max(least, height(part)), y - bottom));
                    level1.extend(key1, cell1, top, y);
                    level2.extend(key2, cell2, top, y);
                    cells = cells.stream().map(cell -> cell.rest(fitting)).toList();
                }
                newPage(true);
                row(grid, heads);
            }
        }
        endBlock();
        List<Cell> total = List.of(grid.cell(0, 5, "总分", Align.CENTER, true),
                grid.cell(5, "100.00", Align.RIGHT, false),
                grid.cell(6, Figures.figure(Figures.text(form, "total")), Align.RIGHT, false),
                grid.cell(7, "", Align.LEFT, false));
        List<Cell> grade = List.of(grid.cell(0, 5, "评分等级", Align.CENTER, true),
                grid.cell(5, 8, Figures.figure(Figures.text(form, "grade")), Align.CENTER, false));
        if (!fits(height(total) + height(grade))) {
            newPage(true);
            row(grid, heads);
        }
        row(grid, total);
        row(grid, grade);
    }

    private List<Cell> indicatorCells(JsonNode indicator) {
        Grid grid = INDICATORS;
        String deviation = Figures.text(indicator, "deviation");
        List<String> flags = Figures.texts(indicator, "flags");
        if (!flags.isEmpty()) {
            deviation = (deviation == null || deviation.isBlank() ? "" : deviation.strip() + "\n") + "[" + String.join(", ", flags) + "]";
        }
        return List.of(grid.cell(2, Figures.text(indicator, "level3"), Align.LEFT, false),
                grid.cell(3, Figures.text(indicator, "target"), Align.LEFT, false),
                grid.cell(4, Figures.text(indicator, "actual"), Align.LEFT, false),
                grid.cell(5, Figures.figure(Figures.text(indicator, "weight")), Align.RIGHT, false),
                grid.cell(6, Figures.figure(Figures.text(indicator, "score")), Align.RIGHT, false),
                grid.cell(7, deviation, Align.LEFT, false));
    }

    private String footerText() {
        List<String> parts = new ArrayList<>();
        String projectId = Figures.text(form, "projectId");
        if (projectId != null && !projectId.isBlank()) {
            parts.add(projectId.strip());
        }
        String ruleSet = Figures.text(form, "ruleSet");
        if (ruleSet != null && !ruleSet.isBlank()) {
            parts.add("评分规则 " + ruleSet.strip());
        }
        String status = Figures.text(form, "status");
        if (status != null && !status.isBlank()) {
            parts.add("状态 " + status.strip());
        }
        List<String> flags = Figures.texts(form, "flags");
        if (!flags.isEmpty()) {
            parts.add("标记 " + String.join(", ", flags));
        }
        return String.join(" · ", parts);
    }

    /** The footer of every sheet of the form: its line(s) at the left, the page of the form at the right. */
    private void footers() {
        for (int page = 0; page < sheets.size(); page++) {
            Sheet on = sheets.get(page);
            float baseline = BOTTOM + (Math.max(1, footer.size()) - 1) * NOTE_LEADING;
            for (String line : footer) {
                on.runs.add(new Sheet.Run(LEFT, baseline, NOTE_SIZE, NOTE_GRAY, false, line));
                baseline -= NOTE_LEADING;
            }
            if (sheets.size() > 1) {
                String number = "第 " + (page + 1) + " / " + sheets.size() + " 页";
                on.runs.add(new Sheet.Run(RIGHT - FormFont.width(number, NOTE_SIZE), BOTTOM, NOTE_SIZE, NOTE_GRAY, false, number));
            }
        }
    }

    private void newPage(boolean continuation) {
        closeSpans();
        sheet = new Sheet();
        sheets.add(sheet);
        float baseline = TOP - TITLE_SIZE;
        centered(TITLE, baseline, TITLE_SIZE, 0f, true);
        baseline -= 20;
        centered(continuation ? year + " 续表" : year, baseline, YEAR_SIZE, 0f, false);
        baseline -= 14;
        for (String note : notes) {
            centered(note, baseline, NOTE_SIZE, NOTE_GRAY, false);
            baseline -= NOTE_LEADING;
        }
        y = baseline + NOTE_LEADING - 7;
        if (continuation) {
            row(INFO, List.of(nameLabel, name));
        }
    }

    /** Where the next row starts on a continuation page, below the repeated header and 项目名称. */
    private float continuationTop() {
        return TOP - TITLE_SIZE - 20 - 14 - (notes.length - 1) * NOTE_LEADING - 7 - height(List.of(nameLabel, name));
    }

    private void centered(String text, float baseline, float size, float gray, boolean bold) {
        String printable = Wrap.printable(text);
        sheet.runs.add(new Sheet.Run((PAGE_WIDTH - FormFont.width(printable, size)) / 2, baseline, size, gray, bold, printable));
    }

    private Span span(Grid grid) {
        Span span = new Span(grid);
        spans.add(span);
        return span;
    }

    /** Draws the merged cells open on this page; a run that goes on continues on the next page as a new cell. */
    private void closeSpans() {
        spans.forEach(Span::close);
    }

    private void endBlock() {
        closeSpans();
        spans.clear();
    }

    private boolean fits(float height) {
        return y - height >= bottom - 0.01f;
    }

    /** How many lines of text a row could still hold on this page. */
    private int fittingLines() {
        return (int) Math.floor((y - bottom - 2 * PAD_Y) / LEADING);
    }

    private static float lines(int count) {
        return count * LEADING + 2 * PAD_Y;
    }

    private static float height(List<Cell> cells) {
        int count = 1;
        for (Cell cell : cells) {
            count = Math.max(count, cell.lines().size());
        }
        return lines(count);
    }

    private void row(Grid grid, List<Cell> cells) {
        row(grid, cells, height(cells));
    }

    private void row(Grid grid, List<Cell> cells, float height) {
        for (Cell cell : cells) {
            box(sheet, grid, cell, y, height);
        }
        y -= height;
    }

    /** A cell's border, its background if a heading, and its lines centred in its height. */
    private static void box(Sheet on, Grid grid, Cell cell, float top, float height) {
        float left = grid.edges()[cell.from()];
        float right = grid.edges()[cell.to()];
        Sheet.Box box = new Sheet.Box(left, top - height, right - left, height);
        on.borders.add(box);
        if (cell.head()) {
            on.fills.add(box);
        }
        float lineTop = top - (height - cell.lines().size() * LEADING) / 2;
        for (String line : cell.lines()) {
            if (!line.isEmpty()) {
                float width = FormFont.width(line, SIZE);
                float x = switch (cell.align()) {
                    case LEFT -> left + PAD_X;
                    case RIGHT -> right - PAD_X - width;
                    case CENTER -> (left + right - width) / 2;
                };
                on.runs.add(new Sheet.Run(x, lineTop - LEADING / 2 - 0.36f * SIZE, SIZE, 0f, false, line));
            }
            lineTop -= LEADING;
        }
    }
}
