package io.jixiao.contracts.budget;

/** The kinds of in-year budget adjustment; each moves the full-year budget (全年预算数) of one fund source. */
public enum AdjustmentKind {
    /** 追加: an increase. */
    INCREASE("追加", 1),
    /** 调减: a decrease. */
    DECREASE("调减", -1),
    /** 调剂 in: budget moved here from another fund source or project. */
    TRANSFER_IN("调剂调入", 1),
    /** 调剂 out: budget moved from here to another fund source or project. */
    TRANSFER_OUT("调剂调出", -1),
    /** 收回: budget recovered by the treasury. */
    RECOVERY("收回", -1);

    private final String label;
    private final int sign;

    AdjustmentKind(String label, int sign) {
        this.label = label;
        this.sign = sign;
    }

    public String label() {
        return label;
    }

    /** +1 when the adjustment raises the budget, -1 when it lowers it. */
    public int sign() {
        return sign;
    }
}
