package io.jixiao.contracts.indicator;

/** Whose score: the unit's own (得分 on the form) or the competent department's review. */
public enum ScoreKind {
    /** 自评得分: the implementing unit's score, printed on the form. */
    SELF_ASSESSED,
    /** 复核得分: the competent department's check of it. */
    REVIEWED
}
