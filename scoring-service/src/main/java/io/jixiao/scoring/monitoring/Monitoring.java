package io.jixiao.scoring.monitoring;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jixiao.contracts.FundSource;
import io.jixiao.platform.domain.DomainException;
import io.jixiao.scoring.form.Form;
import io.jixiao.scoring.form.Forms;
import io.jixiao.scoring.projection.ReadModel;
import io.jixiao.scoring.projection.ReadModelChanged;
import io.jixiao.scoring.rules.FormArithmetic;
import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.RuleSets;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 序时进度 monitoring (双监控): every project-year within reach, its execution rate as of a business date (in total
 * and per fund source, from its form under its rule set) against the rule set's time-elapsed benchmark, the gap,
 * the status and since when it has lagged; its score and grade; and, from the rule set's first goal checkpoint on,
 * the indicators still without an actual. The live lines (as of today) are kept until the read model changes.
 */
@Component
public class Monitoring {

    /** Budgets are Chinese fiscal years: "today" is today in Beijing time. */
    public static final ZoneId FISCAL_ZONE = ZoneId.of("Asia/Shanghai");
    static final String AMOUNT_UNIT = "万元";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ReadModel readModel;
    private final RuleSets ruleSets;
    private final Forms forms;
    private final Clock clock;
    /** Lines by project-year, then by what they describe ({@link Key}). */
    private final Cache<String, Map<Key, Line>> lines = Caffeine.newBuilder().maximumSize(50_000).build();
    /** Bumped on every change of a project-year, so a line computed across a change is not kept. */
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    /** The last live status seen per project-year: a change of it is pushed ({@link StatusChanged}). */
    private final Map<String, ExecutionStatus> lastStatus = new ConcurrentHashMap<>();

    Monitoring(ReadModel readModel, RuleSets ruleSets, Forms forms, org.springframework.beans.factory.ObjectProvider<Clock> clock) {
        this.readModel = readModel;
        this.ruleSets = ruleSets;
        this.forms = forms;
        this.clock = clock.getIfAvailable(() -> Clock.system(FISCAL_ZONE));
    }

    /** A fund source's figures (万元) and rate. */
    public record Source(FundSource source, String fullYear, String executed, String rate) {
    }

    /** An indicator still without an actual at a goal checkpoint. */
    public record MissingActual(String indicatorId, String name) {
    }

    /**
     * One project-year as of a date. Amounts in 万元 as the form prints them, rates and the gap in percent (points);
     * {@code laggingSince} the first day of the red run that reaches {@code asOf}; {@code goalCheckpoint} the last
     * goal checkpoint passed (null before the first, when no actual is missing yet).
     */
    public record Line(String projectId, String name, String department, String implementingUnit, int fiscalYear,
                       LocalDate asOf, String amountUnit, String fullYear, String executed, String rate, List<Source> sources,
                       String benchmark, String gap, ExecutionStatus status, LocalDate laggingSince, String total, String grade,
                       List<MissingActual> missingActuals, LocalDate goalCheckpoint,
                       @JsonIgnore BigDecimal fullYearYuan, @JsonIgnore BigDecimal executedYuan) {
    }

    /** A project-year's status moved (as of today): pushed on the forms stream. */
    public record StatusChanged(String projectId, String name, String department, String implementingUnit,
                                ExecutionStatus from, ExecutionStatus to, LocalDate asOf, String gap) {
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(FISCAL_ZONE));
    }

    /** The lines of every project-year within reach as of {@code asOf} (null: the live forms, as of today). */
    @Transactional(readOnly = true)
    public List<Line> lines(ReadModel.Reach reach, LocalDate asOf) {
        List<ReadModel.ProjectYear> projects = readModel.projectYears(reach);
        LocalDate day = asOf != null ? asOf : today();
        Map<String, Line> found = new HashMap<>();
        List<ReadModel.ProjectYear> missing = new ArrayList<>();
        for (ReadModel.ProjectYear project : projects) {
            Map<Key, Line> byDate = lines.getIfPresent(project.projectId());
            Line line = byDate == null ? null : byDate.get(key(asOf, day));
            if (line != null) {
                found.put(project.projectId(), line);
            } else {
                missing.add(project);
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(compute(missing, asOf, day));
        }
        return projects.stream().map(project -> found.get(project.projectId())).toList();
    }

    /** One project-year's live line and form (as of today), computed afresh after a change. */
    @Transactional(readOnly = true)
    public Live live(String projectId) {
        ReadModel.ProjectYear project = readModel.projectYear(projectId)
                .orElseThrow(() -> new DomainException.NotFound("unknown-project", "no project-year " + projectId));
        LocalDate day = today();
        long version = versionOf(projectId);
        Form form = forms.forms(List.of(project), null).get(projectId);
        Line line = line(project, form, readModel.dailyMoney(List.of(projectId)).getOrDefault(projectId, List.of()), day);
        remember(projectId, key(null, day), line, version);
        ExecutionStatus previous = lastStatus.put(projectId, line.status());
        StatusChanged changed = previous == null || previous == line.status() ? null : new StatusChanged(projectId,
                line.name(), line.department(), line.implementingUnit(), previous, line.status(), day, line.gap());
        return new Live(form, line, changed);
    }

    /**
     * The live statuses of every project-year now, against those last seen: the changes (time alone moves the
     * benchmark). Project-years seen for the first time set their status without a change.
     */
    @Transactional(readOnly = true)
    public List<StatusChanged> statusChanges() {
        LocalDate day = today();
        List<StatusChanged> changes = new ArrayList<>();
        for (Line line : lines(ReadModel.Reach.EVERYTHING, null)) {
            ExecutionStatus previous = lastStatus.put(line.projectId(), line.status());
            if (previous != null && previous != line.status()) {
                changes.add(new StatusChanged(line.projectId(), line.name(), line.department(), line.implementingUnit(),
                        previous, line.status(), day, line.gap()));
            }
        }
        return changes;
    }

    /** A live line, the form it was read from, and the change of status it makes (null: none). */
    public record Live(Form form, Line line, StatusChanged statusChanged) {
    }

    /** Drops the lines of changed project-years before anyone recomputes them (ordered before the form stream). */
    @EventListener
    @Order(0)
    void on(ReadModelChanged changed) {
        for (String projectId : changed.projectIds()) {
            version(projectId).incrementAndGet();
            lines.invalidate(projectId);
        }
    }

    private AtomicLong version(String projectId) {
        return versions.computeIfAbsent(projectId, id -> new AtomicLong());
    }

    private long versionOf(String projectId) {
        return version(projectId).get();
    }

    /** A line as of a business date ({@code live} false), or the live line of a day (the live forms). */
    private record Key(LocalDate day, boolean live) {
    }

    private static Key key(LocalDate asOf, LocalDate day) {
        return asOf == null ? new Key(day, true) : new Key(asOf, false);
    }

    private Map<String, Line> compute(List<ReadModel.ProjectYear> projects, LocalDate asOf, LocalDate day) {
        Map<String, Long> before = new HashMap<>();
        projects.forEach(project -> before.put(project.projectId(), versionOf(project.projectId())));
        List<String> ids = projects.stream().map(ReadModel.ProjectYear::projectId).toList();
        Map<String, Form> computed = forms.forms(projects, asOf);
        Map<String, List<ReadModel.DayAmounts>> daily = readModel.dailyMoney(ids);
        Map<String, Line> result = new HashMap<>();
        for (ReadModel.ProjectYear project : projects) {
            String id = project.projectId();
            Line line = line(project, computed.get(id), daily.getOrDefault(id, List.of()), day);
            remember(id, key(asOf, day), line, before.get(id));
            if (asOf == null) {
                lastStatus.putIfAbsent(id, line.status());
            }
            result.put(id, line);
        }
        return result;
    }

    private void remember(String projectId, Key key, Line line, long version) {
        if (versionOf(projectId) != version) {
            return; // the read model moved while this line was read: the next reader computes it again
        }
        Map<Key, Line> byDate = lines.get(projectId, id -> new ConcurrentHashMap<>());
        if (byDate.size() > 16) {
            byDate.clear(); // a handful of dates per project-year is what lists ask for; keep it bounded
        }
        byDate.put(key, line);
    }

    private Line line(ReadModel.ProjectYear project, Form form, List<ReadModel.DayAmounts> daily, LocalDate day) {
        RuleSet rules = ruleSets.ofProject(project.ruleSet());
        RuleSet.Progress progress = rules.progress();
        Form.Funds funds = form.funds();
        List<Source> sources = new ArrayList<>();
        Map<FundSource, Form.FundRow> rows = Map.of(FundSource.CURRENT_YEAR_APPROPRIATION, funds.currentYearAppropriation(),
                FundSource.PRIOR_YEAR_CARRYOVER, funds.priorYearCarryover(), FundSource.OTHER_FUNDS, funds.otherFunds());
        for (FundSource source : FundSource.values()) {
            Form.FundRow row = rows.get(source);
            if (row != null && (isNonZero(row.fullYear()) || isNonZero(row.executed()) || isNonZero(row.initial()))) {
                sources.add(new Source(source, row.fullYear(), row.executed(), row.rate()));
            }
        }
        BigDecimal rate = new BigDecimal(funds.total().rate());
        BigDecimal benchmark = progress.timeElapsed().at(day, project.fiscalYear());
        ExecutionStatus status = ExecutionStatus.of(rate, benchmark, progress);
        ReadModel.Amounts total = ReadModel.Amounts.NONE;
        for (ReadModel.DayAmounts moved : daily) {
            if (form.asOf() == null || !moved.date().isAfter(day)) {
                total = total.plus(moved.amounts());
            }
        }
        LocalDate since = status == ExecutionStatus.RED ? laggingSince(project.fiscalYear(), daily, day, rules) : null;
        LocalDate checkpoint = lastCheckpointPassed(progress.goalCheckpoints(), project.fiscalYear(), day);
        List<MissingActual> missing = checkpoint == null ? List.of() : form.indicators().stream()
                .filter(indicator -> indicator.flags().contains("MISSING_ACTUAL"))
                .map(indicator -> new MissingActual(indicator.indicatorId(), indicator.level3()))
                .toList();
        return new Line(project.projectId(), project.name(), project.department(), project.implementingUnit(),
                project.fiscalYear(), day, AMOUNT_UNIT, funds.total().fullYear(), funds.total().executed(), rate.toPlainString(),
                sources, benchmark.toPlainString(), ExecutionStatus.gap(rate, benchmark).toPlainString(), status, since,
                form.total(), form.grade(), missing, checkpoint, total.fullYear(), total.executed());
    }

    private static boolean isNonZero(String amount) {
        return amount != null && new BigDecimal(amount).signum() != 0;
    }

    /** The last goal checkpoint of the fiscal year on or before {@code day} (all of them once the year is over). */
    static LocalDate lastCheckpointPassed(List<MonthDay> checkpoints, int fiscalYear, LocalDate day) {
        LocalDate passed = null;
        for (MonthDay checkpoint : checkpoints) {
            LocalDate date = checkpoint.atYear(fiscalYear);
            if (!date.isAfter(day)) {
                passed = date;
            }
        }
        return passed;
    }

    /**
     * The first day of the run of red days that ends on {@code day} (or on 31 December, once the year is over):
     * walking back day by day, the cumulative money of each day against that day's benchmark.
     */
    static LocalDate laggingSince(int fiscalYear, List<ReadModel.DayAmounts> daily, LocalDate day, RuleSet rules) {
        LocalDate first = LocalDate.of(fiscalYear, 1, 1);
        LocalDate last = day.getYear() > fiscalYear ? LocalDate.of(fiscalYear, 12, 31) : day;
        if (last.isBefore(first)) {
            return null;
        }
        ReadModel.Amounts cumulative = ReadModel.Amounts.NONE;
        for (ReadModel.DayAmounts moved : daily) {
            if (!moved.date().isAfter(last)) {
                cumulative = cumulative.plus(moved.amounts());
            }
        }
        int index = daily.size() - 1;
        while (index >= 0 && daily.get(index).date().isAfter(last)) {
            index--;
        }
        LocalDate since = null;
        for (LocalDate date = last; !date.isBefore(first); date = date.minusDays(1)) {
            BigDecimal rate = FormArithmetic.rate(cumulative.executed(), cumulative.fullYear(), cumulative.initial(), rules);
            BigDecimal benchmark = rules.progress().timeElapsed().at(date, fiscalYear);
            if (ExecutionStatus.of(rate, benchmark, rules.progress()) != ExecutionStatus.RED) {
                break;
            }
            since = date;
            // step back over the day: what moved on it was not there the day before
            while (index >= 0 && daily.get(index).date().equals(date)) {
                cumulative = minus(cumulative, daily.get(index).amounts());
                index--;
            }
        }
        return since;
    }

    private static ReadModel.Amounts minus(ReadModel.Amounts from, ReadModel.Amounts moved) {
        return new ReadModel.Amounts(from.initial().subtract(moved.initial()), from.fullYear().subtract(moved.fullYear()),
                from.executed().subtract(moved.executed()));
    }

    /** One point of the execution curve: cumulative money at the end of a day (万元), its rate and the benchmark. */
    public record Point(LocalDate date, String fullYear, String executed, String rate, String benchmark, ExecutionStatus status) {
    }

    public enum Step { DAY, WEEK }

    public record History(String projectId, int fiscalYear, Step by, String amountUnit, List<Point> points) {
    }

    /**
     * A project-year's execution by business date, from 1 January to {@code until} (at most 31 December): each day's
     * end, or each week's (Sunday) and the last day, against the benchmark curve of its rule set.
     */
    @Transactional(readOnly = true)
    public History history(String projectId, LocalDate until, Step by) {
        ReadModel.ProjectYear project = readModel.projectYear(projectId)
                .orElseThrow(() -> new DomainException.NotFound("unknown-project", "no project-year " + projectId));
        RuleSet rules = ruleSets.ofProject(project.ruleSet());
        List<ReadModel.DayAmounts> daily = readModel.dailyMoney(List.of(projectId)).getOrDefault(projectId, List.of());
        LocalDate first = LocalDate.of(project.fiscalYear(), 1, 1);
        LocalDate last = until.isAfter(LocalDate.of(project.fiscalYear(), 12, 31)) ? LocalDate.of(project.fiscalYear(), 12, 31) : until;
        List<Point> points = new ArrayList<>();
        ReadModel.Amounts cumulative = ReadModel.Amounts.NONE;
        int index = 0;
        // money dated before the fiscal year (an allocation on 31 December, say) is there on 1 January
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            while (index < daily.size() && !daily.get(index).date().isAfter(date)) {
                cumulative = cumulative.plus(daily.get(index).amounts());
                index++;
            }
            if (by == Step.DAY || date.getDayOfWeek() == DayOfWeek.SUNDAY || date.equals(last)) {
                BigDecimal rate = FormArithmetic.rate(cumulative.executed(), cumulative.fullYear(), cumulative.initial(), rules);
                BigDecimal benchmark = rules.progress().timeElapsed().at(date, project.fiscalYear());
                points.add(new Point(date, FormArithmetic.wanYuan(cumulative.fullYear()).toPlainString(),
                        FormArithmetic.wanYuan(cumulative.executed()).toPlainString(), rate.toPlainString(),
                        benchmark.toPlainString(), ExecutionStatus.of(rate, benchmark, rules.progress())));
            }
        }
        return new History(projectId, project.fiscalYear(), by, AMOUNT_UNIT, points);
    }

    public enum GroupBy { DEPARTMENT, UNIT }

    /**
     * A department's (or unit's) project-years of one fiscal year together: the summed money, its rate (cut to 2
     * decimals), the budget-weighted benchmark, and how many are green, yellow and red.
     */
    public record Group(String department, String unit, int fiscalYear, int projectYears, String amountUnit, String fullYear,
                        String executed, String rate, String benchmark, String gap, ExecutionStatus status,
                        int green, int yellow, int red) {
    }

    /** Groups the lines by department (or department and unit) and fiscal year, in that order. */
    public static List<Group> groups(List<Line> lines, GroupBy by) {
        record Key(String department, String unit, int year) {
        }
        Map<Key, List<Line>> grouped = new java.util.TreeMap<>(java.util.Comparator.comparing((Key key) -> String.valueOf(key.department()))
                .thenComparing(key -> String.valueOf(key.unit())).thenComparingInt(Key::year));
        for (Line line : lines) {
            grouped.computeIfAbsent(new Key(line.department(), by == GroupBy.UNIT ? line.implementingUnit() : null,
                    line.fiscalYear()), key -> new ArrayList<>()).add(line);
        }
        List<Group> groups = new ArrayList<>();
        grouped.forEach((key, members) -> {
            BigDecimal fullYear = BigDecimal.ZERO;
            BigDecimal executed = BigDecimal.ZERO;
            BigDecimal expected = BigDecimal.ZERO;
            int[] counts = new int[ExecutionStatus.values().length];
            for (Line line : members) {
                fullYear = fullYear.add(line.fullYearYuan());
                executed = executed.add(line.executedYuan());
                expected = expected.add(line.fullYearYuan().multiply(new BigDecimal(line.benchmark())));
                counts[line.status().ordinal()]++;
            }
            BigDecimal rate = fullYear.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                    : executed.multiply(HUNDRED).divide(fullYear, 2, RoundingMode.DOWN);
            BigDecimal benchmark = fullYear.signum() == 0 ? new BigDecimal(members.get(0).benchmark())
                    : expected.divide(fullYear, 2, RoundingMode.DOWN);
            groups.add(new Group(key.department(), key.unit(), key.year(), members.size(), AMOUNT_UNIT,
                    FormArithmetic.wanYuan(fullYear).toPlainString(), FormArithmetic.wanYuan(executed).toPlainString(),
                    rate.toPlainString(), benchmark.toPlainString(), ExecutionStatus.gap(rate, benchmark).toPlainString(),
                    ExecutionStatus.of(rate, benchmark, RuleSet.Progress.DEFAULT),
                    counts[ExecutionStatus.GREEN.ordinal()], counts[ExecutionStatus.YELLOW.ordinal()], counts[ExecutionStatus.RED.ordinal()]));
        });
        return groups;
    }
}
