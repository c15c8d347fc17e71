package io.jixiao.contracts.indicator;

/**
 * A qualitative 实际完成值 (actual): whether a qualitative indicator was achieved. The form prints
 * {@code label() + "指标"}, e.g. {@code 达成指标}. Serialised by name ({@code "ACHIEVED"}).
 */
public enum Achievement {
    ACHIEVED("达成"),
    PARTIALLY_ACHIEVED("部分达成"),
    NOT_ACHIEVED("未达成");

    private final String label;

    Achievement(String label) {
        this.label = label;
    }

    /** 达成, 部分达成 or 未达成; the form shows it followed by 指标. */
    public String label() {
        return label;
    }
}
