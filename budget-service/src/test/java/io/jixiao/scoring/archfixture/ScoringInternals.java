package io.jixiao.scoring.archfixture;

/** Stands for another service's class, for the test of the architecture rules. */
public class ScoringInternals {

    public static int answer() {
        return 42;
    }
}
