package io.jixiao.contracts;

import java.util.regex.Pattern;

/** A project-year: the project's code evaluated in one fiscal year, written {@code <fiscalYear>-<code>}. */
public record ProjectYearId(String value) {

    public static final String CODE_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,39}";
    private static final Pattern ID = Pattern.compile("(19|20|21)[0-9]{2}-" + CODE_PATTERN);

    public ProjectYearId {
        if (value == null || !ID.matcher(value).matches()) {
            throw new InvalidValueException("projectId", "not a project-year id (<fiscalYear>-<code>): " + value);
        }
    }

    public static ProjectYearId of(String code, int fiscalYear) {
        return new ProjectYearId(fiscalYear + "-" + code);
    }

    @Override
    public String toString() {
        return value;
    }
}
