package io.jixiao.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads: identifiers that are neither functions, aggregations, keywords,
 * label names nor Grafana variables. Enough of PromQL's grammar for the dashboard's and the alert rules' queries
 * (strings, label matchers, ranges and label lists are blanked out first).
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{?\\w+}?");
    /** An identifier not preceded by a word character or a dot (so no number's exponent), not followed by '('. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        String blanked = STRING.matcher(expression).replaceAll(" ");
        blanked = MATCHERS.matcher(blanked).replaceAll(" ");
        blanked = RANGES.matcher(blanked).replaceAll(" ");
        blanked = LABEL_LISTS.matcher(blanked).replaceAll(" ");
        blanked = VARIABLES.matcher(blanked).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(blanked);
        while (name.find()) {
            String found = name.group(1);
            if (!KEYWORDS.contains(found.toLowerCase(java.util.Locale.ROOT))) {
                names.add(found);
            }
        }
        return names;
    }

    /** The metric of a Grafana variable query {@code label_values(metric, label)}; empty for any other. */
    static Set<String> labelValuesMetric(String variableQuery) {
        Matcher m = LABEL_VALUES.matcher(variableQuery);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
