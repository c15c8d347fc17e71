package io.jixiao.budget.archfixture;

import io.jixiao.scoring.archfixture.ScoringInternals;

/** Breaks a rule on purpose, for the test of the architecture rules: budget code calling scoring code. */
public class ReachesIntoScoring {

    int borrow() {
        return ScoringInternals.answer();
    }
}
