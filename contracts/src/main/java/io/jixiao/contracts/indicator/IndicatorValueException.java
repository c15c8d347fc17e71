package io.jixiao.contracts.indicator;

import io.jixiao.contracts.InvalidValueException;

/**
 * A 年度指标值 (field {@value #TARGET}) or 实际完成值 (field {@value #ACTUAL}) that cannot be read; the services
 * answer it with 400.
 */
public class IndicatorValueException extends InvalidValueException {

    /** The field name of a 年度指标值. */
    public static final String TARGET = "target";
    /** The field name of a 实际完成值. */
    public static final String ACTUAL = "actual";

    public IndicatorValueException(String field, String message) {
        super(field, message);
    }
}
