package io.jixiao.contracts.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a principal may do, as its token's roles claim names it. A role grants actions, never a department: which
 * project-years a principal reaches is its department (and unit), see {@link AccessClaims}.
 */
public enum Role {
    /** posts payments, reversals and refunds */
    POSTER("poster"),
    /** registers project-years, allocates initial budgets, opens, adjusts, transfers and closes */
    BUDGET_EDITOR("budget-editor"),
    /** records goals, indicators, actuals and self-assessed scores */
    INDICATOR_EDITOR("indicator-editor"),
    /** records reviewed scores */
    REVIEWER("reviewer"),
    /** reads */
    VIEWER("viewer"),
    /** reads everything, the audit log and the exports; never writes money */
    AUDITOR("auditor"),
    /** rule sets and rebuilds; never posts money */
    ADMIN("admin");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The role's name in a token (e.g. {@code budget-editor}). */
    public String claim() {
        return claim;
    }

    public static Optional<Role> fromClaim(String value) {
        return Arrays.stream(values()).filter(role -> role.claim.equals(value)).findFirst();
    }
}
