package io.jixiao.scoring.rules;

import io.jixiao.contracts.InvalidValueException;
import io.jixiao.platform.web.DomainException;
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

    public static final String DEFAULT = "shanghai-2023";
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
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

    public List<RuleSet> all() {
        List<RuleSet> all = new ArrayList<>(builtIn.values());
        jdbc.sql("select definition from rule_set order by id").query(String.class).list()
                .forEach(json -> all.add(JSON.readValue(json, RuleSet.class)));
        return all;
    }

    /** Parameters for a new rule set; those left out are taken from {@link #DEFAULT}. */
    public record Parameters(String description, String rounding, String fundsWeight) {
    }

    /**
     * Adds a rule set derived from the default. Adding the same definition again is a no-op (so an import can
     * be re-run); a different definition under a known id is a 409 {@code rule-set-exists}.
     */
    public RuleSet add(String id, Parameters parameters) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidValueException("id", "a rule set id is lower-case letters, digits and dashes: " + id);
        }
        RuleSet ruleSet = builtIn.get(DEFAULT).derive(id, parameters.description(), rounding(parameters.rounding()),
                fundsWeight(parameters.fundsWeight()));
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

    private static RoundingMode rounding(String name) {
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
        throw new InvalidValueException("rounding", "rounding must be a java.math.RoundingMode such as DOWN or HALF_UP: " + name);
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
