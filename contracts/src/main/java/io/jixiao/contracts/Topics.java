package io.jixiao.contracts;

/** Kafka topics the services publish to. */
public final class Topics {

    public static final String BUDGET_EVENTS = "budget.events";
    public static final String INDICATOR_EVENTS = "indicator.events";
    /** Suffix of the dead-letter topic a consumer parks unprocessable records on. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {
    }
}
