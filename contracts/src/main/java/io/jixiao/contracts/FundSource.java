package io.jixiao.contracts;

/** The three fund sources of the form's funds block; every allocation, adjustment and payment carries one. */
public enum FundSource {
    /** 当年财政拨款 */
    CURRENT_YEAR_APPROPRIATION("当年财政拨款", "currentYearAppropriation"),
    /** 上年结转资金 */
    PRIOR_YEAR_CARRYOVER("上年结转资金", "priorYearCarryover"),
    /** 其他资金 */
    OTHER_FUNDS("其他资金", "otherFunds");

    private final String label;
    private final String formKey;

    FundSource(String label, String formKey) {
        this.label = label;
        this.formKey = formKey;
    }

    /** The row heading printed on the form. */
    public String label() {
        return label;
    }

    /** The key of this source in the form's JSON exchange format (forms-2023.json). */
    public String formKey() {
        return formKey;
    }
}
