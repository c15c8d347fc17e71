package io.jixiao.contracts.budget;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

/**
 * A project-year was registered for evaluation.
 *
 * @param department       主管部门, the competent department
 * @param implementingUnit 实施单位
 * @param ruleSet          id of the rule set the form is evaluated under
 */
@SchemaVersion(1)
public record ProjectYearRegistered(String projectId, String code, String name, String department,
                                    String implementingUnit, int fiscalYear, String ruleSet) implements PublishedEvent {
}
