package io.jixiao.scoring.rules;

import io.jixiao.contracts.RuleSetId;
import io.jixiao.contracts.InvalidValueException;
import io.jixiao.contracts.indicator.Achievement;
import io.jixiao.platform.domain.DomainException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The rule sets a project-year can be evaluated under: the built-in ones shipped as {@code rule-sets/*.json}, and
 * those added through the API, kept in the database. A rule set never changes once it exists.
 */
@Component
public class RuleSets {

    public static final String DEFAULT = RuleSetId.DEFAULT;
    private static final Pattern ID = RuleSetId.PATTERN;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Map<String, RuleSet> builtIn;
    private final Map<String, RuleSet> added = new ConcurrentHashMap<>();

    RuleSets(JdbcClient jdbc) throws IOException {
        this.jdbc = jdbc;
        Map<String, RuleSet> files = new TreeMap<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:rule-sets/*.json")) {
            try (InputStream in = resource.getInputStream()) {
                RuleSet ruleSet = JSON.readValue(in, RuleSet.class);
                files.put(ruleSet.id(), ruleSet);
            }
        }
        this.builtIn = Collections.unmodifiableMap(files);
    }

    public Optional<RuleSet> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        RuleSet known = builtIn.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        return Optional.ofNullable(added.computeIfAbsent(id, key -> jdbc.sql("select definition from rule_set where id = ?")
                .param(key).query(String.class).optional().map(json -> JSON.readValue(json, RuleSet.class)).orElse(null)));
    }

    /** The rule set of that id, or 404 {@code unknown-rule-set}. */
    public RuleSet require(String id) {
        return find(id).orElseThrow(() -> new DomainException.NotFound("unknown-rule-set", "no rule set " + id));
    }

    /**
     * The rule set a project-year is evaluated under: the one it was registered with, or the default when that one
     * is unknown here (the form then says so with the flag UNKNOWN_RULE_SET).
     */
    public RuleSet ofProject(String ruleSetId) {
        return find(ruleSetId).orElseGet(() -> require(DEFAULT));
    }

    public List<RuleSet> all() {
        List<RuleSet> all = new ArrayList<>(builtIn.values());
        jdbc.sql("select definition from rule_set order by id").query(String.class).list()
                .forEach(json -> all.add(JSON.readValue(json, RuleSet.class)));
        return all;
    }

    /**
     * Parameters for a new rule set; those left out (null) are taken from {@link #DEFAULT}. {@code rounding} is the
     * default of {@code rateRounding} and {@code scoreRounding} when they are left out.
     */
    public record Parameters(String description, String rounding, String rateRounding, Integer ratePrecision,
                             String scoreRounding, Integer scorePrecision, String rateBase, String fundsWeight,
                             Map<Achievement, RuleSet.Band> qualitativeBands, ProgressParameters progress) {

        public static Parameters of(String description, String rounding, String fundsWeight) {
            return new Parameters(description, rounding, null, null, null, null, null, fundsWeight, null, null);
        }
    }

    /**
     * 序时进度 settings as written in a request: checkpoints {@code {"date":"07-31","percent":"40"}}, the tolerances in
     * points, and the goal checkpoints ({@code "06-30"}); each optional.
     */
    public record ProgressParameters(List<Map<String, String>> checkpoints, String yellowFrom, String redFrom,
                                     List<String> goalCheckpoints) {
    }

    /**
     * Adds a rule set derived from the default. Adding the same definition again is a no-op (so an import can
     * be re-run); a different definition under a known id is a 409 {@code rule-set-exists}.
     */
    public RuleSet add(String id, Parameters parameters) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidValueException("id", "a rule set id is lower-case letters, digits and dashes: " + id);
        }
        RuleSet ruleSet = derive(builtIn.get(DEFAULT), id, parameters);
        Optional<RuleSet> existing = find(id);
        if (existing.isPresent()) {
            if (existing.get().equals(ruleSet)) {
                return ruleSet;
            }
            throw new DomainException.Conflict("rule-set-exists", "rule set " + id + " exists with another definition; "
                    + "rule sets never change, add one under a new id");
        }
        jdbc.sql("insert into rule_set (id, definition) values (?, ?::jsonb) on conflict (id) do nothing")
                .params(id, JSON.writeValueAsString(ruleSet)).update();
        added.put(id, ruleSet);
        return ruleSet;
    }

    /** {@code base} with the given parameters replaced, each checked. */
    public static RuleSet derive(RuleSet base, String id, Parameters p) {
        RoundingMode rounding = rounding("rounding", p.rounding());
        RoundingMode rateRounding = rounding("rateRounding", p.rateRounding());
        RoundingMode scoreRounding = rounding("scoreRounding", p.scoreRounding());
        return new RuleSet(id, p.description() != null ? p.description() : "derived from " + base.id(),
                rounding != null ? rounding : base.rounding(),
                rateRounding != null ? rateRounding : rounding != null ? rounding : base.rateRounding(),
                precision("ratePrecision", p.ratePrecision(), base.ratePrecision()),
                scoreRounding != null ? scoreRounding : rounding != null ? rounding : base.scoreRounding(),
                precision("scorePrecision", p.scorePrecision(), base.scorePrecision()),
                p.rateBase() != null ? rateBase(p.rateBase()) : base.rateBase(),
                p.fundsWeight() != null ? fundsWeight(p.fundsWeight()) : base.fundsWeight(), base.grades(),
                p.qualitativeBands() != null ? bands(p.qualitativeBands()) : base.qualitativeBands(),
                base.reverseFormula(), base.overAchievementFactor(),
                p.progress() != null ? progress(p.progress(), base.progress()) : base.progress());
    }

    private static RuleSet.Progress progress(ProgressParameters p, RuleSet.Progress base) {
        try {
            List<TimeElapsed.Checkpoint> checkpoints = p.checkpoints() == null ? base.checkpoints() : p.checkpoints().stream()
                    .map(point -> new TimeElapsed.Checkpoint(monthDay("progress.checkpoints", point.get("date")),
                            decimal("progress.checkpoints", point.get("percent"))))
                    .toList();
            return new RuleSet.Progress(checkpoints,
                    p.yellowFrom() == null ? base.yellowFrom() : decimal("progress.yellowFrom", p.yellowFrom()),
                    p.redFrom() == null ? base.redFrom() : decimal("progress.redFrom", p.redFrom()),
                    p.goalCheckpoints() == null ? base.goalCheckpoints()
                            : p.goalCheckpoints().stream().map(date -> monthDay("progress.goalCheckpoints", date)).toList());
        } catch (IllegalArgumentException | NullPointerException invalid) {
            if (invalid instanceof InvalidValueException given) {
                throw given;
            }
            throw new InvalidValueException("progress", "progress: " + invalid.getMessage());
        }
    }

    private static java.time.MonthDay monthDay(String field, String text) {
        if (text == null || !text.matches("[0-9]{2}-[0-9]{2}")) {
            throw new InvalidValueException(field, field + " dates are month and day, MM-dd (\"06-30\"), not " + text);
        }
        try {
            return java.time.MonthDay.parse("--" + text);
        } catch (java.time.format.DateTimeParseException invalid) {
            throw new InvalidValueException(field, field + ": no such day " + text);
        }
    }

    private static BigDecimal decimal(String field, String text) {
        if (text == null || !text.matches("[0-9]{1,3}(\\.[0-9]{1,2})?")) {
            throw new InvalidValueException(field, field + " is a decimal from 0 to 100 with at most 2 places, not " + text);
        }
        return new BigDecimal(text);
    }

    private static int precision(String field, Integer given, int otherwise) {
        if (given == null) {
            return otherwise;
        }
        if (given < 0 || given > 2) {
            throw new InvalidValueException(field, field + " is the number of decimals printed: 0, 1 or 2, not " + given);
        }
        return given;
    }

    private static RuleSet.RateBase rateBase(String name) {
        try {
            return RuleSet.RateBase.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            throw new InvalidValueException("rateBase", "rateBase is FULL_YEAR (全年预算数) or INITIAL (年初预算数), not " + name);
        }
    }

    /** Every achievement has a band; 0 ≤ low < high ≤ 1, a default share inside its band. */
    private static Map<Achievement, RuleSet.Band> bands(Map<Achievement, RuleSet.Band> bands) {
        for (Achievement achievement : Achievement.values()) {
            RuleSet.Band band = bands.get(achievement);
            if (band == null || band.low() == null || band.high() == null || band.low().signum() < 0
                    || band.high().compareTo(BigDecimal.ONE) > 0 || band.low().compareTo(band.high()) >= 0
                    || band.defaultShare() != null && (band.defaultShare().compareTo(band.low()) < 0
                    || band.defaultShare().compareTo(band.high()) > 0)) {
                throw new InvalidValueException("qualitativeBands", "qualitativeBands names ACHIEVED, PARTIALLY_ACHIEVED and "
                        + "NOT_ACHIEVED, each {\"low\",\"high\",\"default\"?} as shares with 0 ≤ low < high ≤ 1: " + achievement);
            }
        }
        return bands;
    }

    private static RoundingMode rounding(String field, String name) {
        if (name == null) {
            return null;
        }
        try {
            RoundingMode mode = RoundingMode.valueOf(name);
            if (mode != RoundingMode.UNNECESSARY) {
                return mode;
            }
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        throw new InvalidValueException(field, field + " must be a java.math.RoundingMode such as DOWN or HALF_UP: " + name);
    }

    private static BigDecimal fundsWeight(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches("[0-9]{1,3}(\\.[0-9]{1,2})?") || new BigDecimal(text).compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidValueException("fundsWeight", "fundsWeight must be a decimal from 0 to 100: " + text);
        }
        return new BigDecimal(text).setScale(2);
    }
}
