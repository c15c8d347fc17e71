package io.jixiao.scoring.projection;

import java.util.Set;

/** Published after a batch of events is committed to the read model: the project-years whose figures moved. */
public record ReadModelChanged(Set<String> projectIds) {
}
