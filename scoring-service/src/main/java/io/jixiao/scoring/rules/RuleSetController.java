package io.jixiao.scoring.rules;

import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The rule sets: listed, looked up, and added (as data; the missing parameters come from shanghai-2023). */
@RestController
class RuleSetController {

    private final RuleSets ruleSets;

    RuleSetController(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    @GetMapping("/rule-sets")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.ADMIN, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "list-rule-sets")
    List<RuleSet> all() {
        return ruleSets.all();
    }

    @GetMapping("/rule-sets/{id}")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.ADMIN, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-rule-set")
    RuleSet one(@PathVariable String id) {
        return ruleSets.require(id);
    }

    /** Body: the {@link RuleSets.Parameters}, each optional; an {@code id} in the body must equal the path's. */
    @PutMapping("/rule-sets/{id}")
    @Allowed(value = Role.ADMIN, action = "add-rule-set")
    RuleSet add(@PathVariable String id, @RequestBody AddRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw new io.jixiao.contracts.InvalidValueException("id", "the body's id " + request.id() + " differs from " + id);
        }
        return ruleSets.add(id, new RuleSets.Parameters(request.description(), request.rounding(), request.rateRounding(),
                request.ratePrecision(), request.scoreRounding(), request.scorePrecision(), request.rateBase(),
                request.fundsWeight(), request.qualitativeBands(), request.progress()));
    }

    record AddRequest(String id, String description, String rounding, String rateRounding, Integer ratePrecision,
                      String scoreRounding, Integer scorePrecision, String rateBase, String fundsWeight,
                      java.util.Map<io.jixiao.contracts.indicator.Achievement, RuleSet.Band> qualitativeBands,
                      RuleSets.ProgressParameters progress) {
    }
}
