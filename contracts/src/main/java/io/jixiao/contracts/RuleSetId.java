package io.jixiao.contracts;

import java.util.regex.Pattern;

/**
 * How a rule set is named, as every project-year's registration carries it ({@code ProjectYearRegistered.ruleSet}):
 * lower-case letters, digits and dashes; and the one a project-year gets when it names none.
 */
public final class RuleSetId {

    /** The rule set of the seed forms (上海 2023, truncation), every project-year's unless it names another. */
    public static final String DEFAULT = "shanghai-2023";
    /** The syntax of a rule set id, as a regular expression (for validation annotations too). */
    public static final String SYNTAX = "[a-z0-9][a-z0-9-]{0,39}";
    public static final Pattern PATTERN = Pattern.compile(SYNTAX);

    private RuleSetId() {
    }
}
