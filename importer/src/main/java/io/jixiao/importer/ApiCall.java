package io.jixiao.importer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of an import plan, relative to the gateway: {@code POST /api/budget/projects/2023-F…/adjustments}
 * with its JSON body (null for none). Every call is idempotent against the real API: repeating it either records
 * nothing new or is answered as already done.
 *
 * @param kind   what the call does, which decides how its answer is read
 * @param method GET, POST or PUT
 * @param path   the path under the gateway, starting with {@code /api/}
 * @param body   the JSON body's fields in order (strings, numbers, booleans), or null
 * @param label  what the call reproduces, for reports: {@code 当年财政拨款 调减 5351.00万 → 7451.78万}
 */
public record ApiCall(Kind kind, String method, String path, Map<String, Object> body, String label) {

    /** What a call does. */
    public enum Kind {
        RULE_SET, REGISTER, INITIAL_BUDGET, OPEN, ADJUSTMENT, PAYMENT, GOAL, GOAL_ACHIEVEMENT, INDICATOR, ACTUAL,
        EXECUTION_RATE_BINDING, SELF_ASSESSED_SCORE, PUBLISHED_FIGURES;

        /** A call whose first success records a new fact, so that a repeated one is told apart (409 or DUPLICATE). */
        boolean recordsOnce() {
            return switch (this) {
                case REGISTER, INITIAL_BUDGET, ADJUSTMENT, PAYMENT, INDICATOR -> true;
                default -> false;
            };
        }
    }

    public ApiCall {
        body = body == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    /** A body field, or null. */
    public Object field(String name) {
        return body == null ? null : body.get(name);
    }

    @Override
    public String toString() {
        return method + " " + path + (body == null ? "" : " " + Json.write(body));
    }
}
