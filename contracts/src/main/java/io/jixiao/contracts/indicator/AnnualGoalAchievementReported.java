package io.jixiao.contracts.indicator;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

/** What the project actually achieved of its annual goal (实际完成情况), as written. */
@SchemaVersion(1)
public record AnnualGoalAchievementReported(String projectId, String actual) implements PublishedEvent {
}
