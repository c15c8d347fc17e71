package io.jixiao.scoring.form;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.scoring.projection.ReadModel;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One snapshot of what is known of a project-year, as of a business date and as known at a time (null: no
 * limit): its registration, its money per fund source, its indicator facts in order, and what its published form
 * printed (empty for a dated snapshot: a published form is year-end, compared with the form now only).
 */
record ProjectYearFacts(ReadModel.ProjectYear project, Map<FundSource, ReadModel.Amounts> money,
                        List<PublishedEvent> indicatorFacts, LocalDate asOf, OffsetDateTime knownAt,
                        Map<String, String> published) {
}
