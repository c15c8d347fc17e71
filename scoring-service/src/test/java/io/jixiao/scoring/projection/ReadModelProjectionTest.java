package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.Topics;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.EvaluationFinalised;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.AnnualGoalAchievementReported;
import io.jixiao.contracts.indicator.AnnualGoalSet;
import io.jixiao.contracts.indicator.IndicatorTargetChanged;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.scoring.ScoringIntegrationTest;
import io.jixiao.scoring.projection.ReadModelProjection.Outcome;
import io.jixiao.scoring.projection.ReadModelProjection.Parsed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.jixiao.contracts.FundSource.CURRENT_YEAR_APPROPRIATION;
import static io.jixiao.contracts.FundSource.OTHER_FUNDS;
import static io.jixiao.contracts.FundSource.PRIOR_YEAR_CARRYOVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projection and the listener called directly with batches made up here, so what is in one batch is certain.
 * The records claim partitions the topics do not have, so the running consumer's stored positions stay untouched.
 */
class ReadModelProjectionTest extends ScoringIntegrationTest {

    /** Far above the topics' partitions; each test's records get their own. */
    private static final int FIRST_FAKE_PARTITION = 1000;
    private static int nextPartition = FIRST_FAKE_PARTITION;

    @Autowired
    ReadModelProjection projection;
    @Autowired
    EventConsumer consumer;
    @Autowired
    ConsumerPositions positions;
    @Autowired
    JdbcClient jdbc;

    private final int partition = nextPartition++;
    private final Map<String, Long> offsets = new HashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();

    @AfterEach
    void forgetFakePartitions() {
        jdbc.sql("delete from consumer_position where partition >= ?").param(FIRST_FAKE_PARTITION).update();
    }

    @Test
    void aBatchGivesTheSameRowsAsItsEventsOneAtATime() {
        String batched = newProjectId("batched");
        String single = newProjectId("single");

        List<Outcome> outcomes = projection.apply(records(year(batched)));
        for (Parsed record : records(year(single))) {
            assertThat(projection.apply(List.of(record))).containsExactly(Outcome.APPLIED);
        }

        assertThat(outcomes).hasSize(year(batched).size()).containsOnly(Outcome.APPLIED);
        assertThat(rows(batched)).isEqualTo(rows(single).stream().map(row -> row.replace(single, batched)).toList())
                .contains("project_year C-%s 展示运行（更名） 上海科技馆 上海科技馆 2023 shanghai-2023 CLOSED 2023-01-10 2023-12-31"
                        .formatted(batched))
                .contains("fund_position CURRENT_YEAR_APPROPRIATION 1000000.00 -50000.00 950000.00 600000.00 0.00 30000.00 570000.00")
                .anySatisfy(row -> assertThat(row).startsWith("indicator IND-1 产出指标 数量指标 当年预算完成率 ≥95(%) 6.00 42.68(%)")
                        .contains("\"operator\": \"GE\"").endsWith(" 2 {\"unit\": \"%\", \"value\": \"42.68\", \"original\": \"42.68(%)\", "
                                + "\"achievement\": null, \"interpretations\": []} t 4.50 施工难度大 t 2.37 按公式复核"))
                .anySatisfy(row -> assertThat(row).startsWith("indicator IND-2 效益指标 社会效益 观众满意度 ≥90(%) 4.00 96(%)"))
                .contains("goal <p>场馆正常运行</p> 完成")
                .contains("evaluation 10.00 [\"split\"] 2024-01-20");
    }

    @Test
    void duplicatesWithinTheBatchAndOfEarlierBatchesCountOnce() {
        String projectId = newProjectId("batch-dup");
        List<Parsed> first = records(List.of(register(projectId, "重复"), allocate(projectId, OTHER_FUNDS, "1000.00"),
                pay(projectId, OTHER_FUNDS, "100.00", "P-1")));
        assertThat(projection.apply(first)).containsOnly(Outcome.APPLIED);
        // P-1 again (applied in an earlier batch), P-2 twice in this batch, then P-3
        Parsed p1Again = redelivered(first.get(2));
        Parsed p2 = records(List.of(pay(projectId, OTHER_FUNDS, "20.00", "P-2"))).get(0);
        Parsed p2Again = redelivered(p2);
        Parsed p3 = records(List.of(pay(projectId, OTHER_FUNDS, "3.00", "P-3"))).get(0);
        List<Parsed> second = List.of(p1Again, p2, p2Again, p3);
        assertThat(projection.apply(second))
                .containsExactly(Outcome.DUPLICATE, Outcome.APPLIED, Outcome.DUPLICATE, Outcome.APPLIED);

        assertThat(jdbc.sql("select paid || ' ' || executed from fund_position where project_id = ?")
                .param(projectId).query(String.class).single()).isEqualTo("123.00 123.00");
        assertThat(jdbc.sql("select count(*) from applied_event where project_id = ?")
                .param(projectId).query(Long.class).single()).isEqualTo(5);
        assertThat(positions.nextOffset(Topics.BUDGET_EVENTS, partition)).contains(offsets.get(Topics.BUDGET_EVENTS));
    }

    @Test
    void aRecordAheadOfItsPredecessorIsPassedOverAndAppliedWhenItComesAgainInOrder() {
        String projectId = newProjectId("premature");
        List<Parsed> year = records(List.of(register(projectId, "乱序"), allocate(projectId, OTHER_FUNDS, "1000.00"),
                pay(projectId, OTHER_FUNDS, "100.00", "P-1"), pay(projectId, OTHER_FUNDS, "20.00", "P-2")));
        // what Kafka holds after a relay batch failed half-way and was sent again whole: #3 landed before #2
        assertThat(projection.apply(List.of(year.get(0), year.get(1), year.get(3))))
                .containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.PREMATURE);
        assertThat(jdbc.sql("select count(*) from applied_event where project_id = ?")
                .param(projectId).query(Long.class).single()).isEqualTo(2);
        assertThat(positions.nextOffset(Topics.BUDGET_EVENTS, partition)).contains(year.get(3).record().offset() + 1);
        // the relay's second sending: #2 then #3 again, and #3 a third time in the same batch
        Parsed third = redelivered(year.get(3));
        assertThat(projection.apply(List.of(redelivered(year.get(2)), third, redelivered(third))))
                .containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.DUPLICATE);
        assertThat(jdbc.sql("select string_agg(sequence::text, ',' order by applied_at, sequence) from applied_event where project_id = ?")
                .param(projectId).query(String.class).single()).isEqualTo("0,1,2,3");
        assertThat(jdbc.sql("select paid from fund_position where project_id = ?")
                .param(projectId).query(BigDecimal.class).single()).isEqualByComparingTo("120.00");
    }

    @Test
    void anIndicatorsActualIsTheLastOneInItsStreamWhateverOrderKafkaHoldsThemIn() {
        String projectId = newProjectId("premature-actual");
        Target target = Target.parse("≥90(%)");
        List<Parsed> stream = records(List.of(
                new IndicatorDefined(projectId, "I-1", "产出指标", "数量指标", "完成率", target, new BigDecimal("10.00")),
                new IndicatorActualRecorded(projectId, "I-1", Actual.parse("50(%)", target), LocalDate.of(2023, 6, 30)),
                new IndicatorActualRecorded(projectId, "I-1", Actual.parse("60(%)", target), LocalDate.of(2023, 6, 30))));
        // the later actual first, then both in order: applied early, the earlier one would have overwritten it
        assertThat(projection.apply(List.of(stream.get(0), stream.get(2), redelivered(stream.get(1)), redelivered(stream.get(2)))))
                .containsExactly(Outcome.APPLIED, Outcome.PREMATURE, Outcome.APPLIED, Outcome.APPLIED);
        assertThat(jdbc.sql("select actual from indicator where project_id = ?").param(projectId).query(String.class).single())
                .isEqualTo("60(%)");
    }

    @Test
    void aConflictInTheBatchRollsBackAllOfIt() {
        String projectId = newProjectId("batch-conflict");
        List<Parsed> applied = records(List.of(register(projectId, "冲突")));
        projection.apply(applied);
        long position = positions.nextOffset(Topics.BUDGET_EVENTS, partition).orElseThrow();
        List<Parsed> batch = records(List.of(allocate(projectId, OTHER_FUNDS, "1000.00"),
                pay(projectId, OTHER_FUNDS, "100.00", "P-1")));
        // another event under the registration's sequence 0
        Parsed conflict = record(Topics.BUDGET_EVENTS, projectId,
                envelope(pay(projectId, OTHER_FUNDS, "999.00", "P-X"), 0));

        assertThatThrownBy(() -> projection.apply(List.of(batch.get(0), conflict, batch.get(1))))
                .isInstanceOf(SequenceConflictException.class);

        assertThat(jdbc.sql("select count(*) from applied_event where project_id = ?")
                .param(projectId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from fund_position where project_id = ?")
                .param(projectId).query(Long.class).single()).isZero();
        assertThat(positions.nextOffset(Topics.BUDGET_EVENTS, partition)).contains(position);
    }

    @Test
    void theListenerCommitsTheRecordsBeforeAFailingOneAndNamesIt() {
        String projectId = newProjectId("listener");
        List<Parsed> good = records(List.of(register(projectId, "监听"), allocate(projectId, OTHER_FUNDS, "1000.00"),
                pay(projectId, OTHER_FUNDS, "100.00", "P-1")));
        Parsed conflict = record(Topics.BUDGET_EVENTS, projectId,
                envelope(pay(projectId, OTHER_FUNDS, "999.00", "P-X"), 1));
        List<Parsed> after = records(List.of(pay(projectId, OTHER_FUNDS, "20.00", "P-2")));
        ConsumerRecord<String, String> unreadable = new ConsumerRecord<>(Topics.BUDGET_EVENTS, partition,
                offsets.merge(Topics.BUDGET_EVENTS, 1L, Long::sum) - 1, projectId, "{not json");

        // a sequence conflict found inside the batch's transaction: the records before it are committed after all
        List<ConsumerRecord<String, String>> batch = new ArrayList<>();
        good.forEach(parsed -> batch.add(parsed.record()));
        batch.add(conflict.record());
        batch.add(after.get(0).record());
        assertThatThrownBy(() -> consumer.on(batch))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failure -> {
                    assertThat(failure.getRecord()).isSameAs(conflict.record());
                    assertThat(failure).hasRootCauseInstanceOf(SequenceConflictException.class);
                });
        assertThat(jdbc.sql("select executed from fund_position where project_id = ?")
                .param(projectId).query(BigDecimal.class).single()).isEqualByComparingTo("100.00");
        assertThat(positions.nextOffset(Topics.BUDGET_EVENTS, partition)).contains(conflict.record().offset());

        // a record that does not parse: what precedes it in the batch is applied in one go
        assertThatThrownBy(() -> consumer.on(List.of(after.get(0).record(), unreadable)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failure -> assertThat(failure.getRecord()).isSameAs(unreadable));
        assertThat(jdbc.sql("select executed from fund_position where project_id = ?")
                .param(projectId).query(BigDecimal.class).single()).isEqualByComparingTo("120.00");
        assertThat(positions.nextOffset(Topics.BUDGET_EVENTS, partition)).contains(unreadable.offset());
    }

    @Test
    void valuesTravelExactlyThroughTheArrayStatements() {
        String projectId = newProjectId("exact");
        Instant recorded = Instant.parse("2023-12-31T08:00:00.123456Z");
        PublishedEvent big = pay(projectId, OTHER_FUNDS, "999999999999.99", "P-BIG");
        PublishedEvent cent = pay(projectId, OTHER_FUNDS, "0.01", "P-CENT");
        List<Parsed> batch = List.of(
                record(Topics.BUDGET_EVENTS, projectId, EventJson.write(big, "E-BIG-" + projectId, 0, recorded)),
                record(Topics.BUDGET_EVENTS, projectId, EventJson.write(cent, "E-CENT-" + projectId, 1, recorded)));

        assertThat(projection.apply(batch)).containsOnly(Outcome.APPLIED);

        assertThat(jdbc.sql("""
                        select concat_ws(' ', reference, executed, business_date, recorded_at = ?::timestamptz)
                          from contribution where project_id = ? order by reference
                        """).params(recorded.toString(), projectId).query(String.class).list())
                .containsExactly("P-BIG 999999999999.99 2023-06-30 t", "P-CENT 0.01 2023-06-30 t");
        assertThat(jdbc.sql("""
                        select concat_ws(' ', sequence, event_id, event_type, business_date, recorded_at = ?::timestamptz)
                          from applied_event where project_id = ? order by sequence
                        """).params(recorded.toString(), projectId).query(String.class).list())
                .containsExactly("0 E-BIG-%s ExpenditureRecorded 2023-06-30 t".formatted(projectId),
                        "1 E-CENT-%s ExpenditureRecorded 2023-06-30 t".formatted(projectId));
        assertThat(jdbc.sql("select executed from fund_position where project_id = ?")
                .param(projectId).query(BigDecimal.class).single()).isEqualByComparingTo("1000000000000.00");
    }

    /** A year of one project: every event type, indicator events interleaved, a re-registration last. */
    private static List<PublishedEvent> year(String projectId) {
        return List.of(
                new IndicatorActualRecorded(projectId, "IND-2", Actual.parse("96(%)"), LocalDate.of(2023, 12, 31)),
                register(projectId, "展示运行"),
                allocate(projectId, CURRENT_YEAR_APPROPRIATION, "1000000.00"),
                allocate(projectId, OTHER_FUNDS, "500000.00"),
                new IndicatorDefined(projectId, "IND-1", "产出指标", "数量指标", "当年预算完成率", Target.parse("≥90(%)"),
                        new BigDecimal("5.00")),
                new ProjectYearOpened(projectId, LocalDate.of(2023, 1, 10)),
                adjust(projectId, "ADJ-1", AdjustmentKind.INCREASE, CURRENT_YEAR_APPROPRIATION, "150000.00", null, null),
                adjust(projectId, "ADJ-2", AdjustmentKind.RECOVERY, OTHER_FUNDS, "50000.00", null, null),
                adjust(projectId, "ADJ-T", AdjustmentKind.TRANSFER_OUT, CURRENT_YEAR_APPROPRIATION, "200000.00",
                        projectId, OTHER_FUNDS),
                adjust(projectId, "ADJ-T", AdjustmentKind.TRANSFER_IN, OTHER_FUNDS, "200000.00",
                        projectId, CURRENT_YEAR_APPROPRIATION),
                pay(projectId, CURRENT_YEAR_APPROPRIATION, "600000.00", "P-1"),
                pay(projectId, OTHER_FUNDS, "90000.00", "P-2"),
                new IndicatorActualRecorded(projectId, "IND-1", Actual.parse("42.68(%)"), LocalDate.of(2023, 12, 31)),
                new IndicatorTargetChanged(projectId, "IND-1", 2, Target.parse("≥85(%)"), "年中调整", LocalDate.of(2023, 7, 1)),
                new AnnualGoalSet(projectId, "<p>场馆正常运行</p>"),
                new IndicatorBoundToExecutionRate(projectId, "IND-1", LocalDate.of(2023, 7, 2)),
                new IndicatorScored(projectId, "IND-1", ScoreKind.SELF_ASSESSED, new BigDecimal("4.00"), "施工难度大", false,
                        LocalDate.of(2024, 1, 5)),
                new IndicatorScored(projectId, "IND-1", ScoreKind.SELF_ASSESSED, new BigDecimal("4.50"), "施工难度大", true,
                        LocalDate.of(2024, 1, 6)),
                new IndicatorScored(projectId, "IND-1", ScoreKind.REVIEWED, new BigDecimal("2.37"), "按公式复核", false,
                        LocalDate.of(2024, 2, 1)),
                new AnnualGoalAchievementReported(projectId, "完成"),
                new EvaluationFinalised(projectId, new BigDecimal("10.00"), List.of("split"), LocalDate.of(2024, 1, 20)),
                new ExpenditureReversed(projectId, "P-2", OTHER_FUNDS, Money.of("90000.00"), LocalDate.of(2023, 7, 1),
                        "冲销"),
                new ExpenditureRefunded(projectId, "R-1", projectId, "P-1", CURRENT_YEAR_APPROPRIATION,
                        Money.of("30000.00"), LocalDate.of(2023, 8, 1), "退款"),
                new IndicatorDefined(projectId, "IND-1", "产出指标", "数量指标", "当年预算完成率", Target.parse("≥95(%)"),
                        new BigDecimal("6.00")),
                new IndicatorDefined(projectId, "IND-2", "效益指标", "社会效益", "观众满意度", Target.parse("≥90(%)"),
                        new BigDecimal("4.00")),
                new ProjectYearClosed(projectId, LocalDate.of(2023, 12, 31)),
                allocate(projectId, PRIOR_YEAR_CARRYOVER, "10000.00"),
                register(projectId, "展示运行（更名）"));
    }

    /** Every read-model row of the project, as text. */
    private List<String> rows(String projectId) {
        List<String> rows = new ArrayList<>();
        rows.addAll(jdbc.sql("""
                        select concat_ws(' ', 'project_year', code, name, department, implementing_unit, fiscal_year,
                                         rule_set, status, opened_on, closed_on)
                          from project_year where project_id = ?
                        """).param(projectId).query(String.class).list());
        rows.addAll(jdbc.sql("""
                        select concat_ws(' ', 'fund_position', fund_source, initial, adjusted, full_year, paid,
                                         reversed, refunded, executed)
                          from fund_position where project_id = ? order by fund_source
                        """).param(projectId).query(String.class).list());
        rows.addAll(jdbc.sql("""
                        select concat_ws(' ', 'indicator', indicator_id, level1, level2, level3, target, weight, actual,
                                         target_parsed, target_version, actual_parsed, bound_to_execution_rate, self_score,
                                         self_deviation, self_imported, reviewed_score, reviewed_deviation)
                          from indicator where project_id = ? order by indicator_id
                        """).param(projectId).query(String.class).list());
        rows.addAll(jdbc.sql("select concat_ws(' ', 'goal', expected, achieved) from goal where project_id = ?")
                .param(projectId).query(String.class).list());
        rows.addAll(jdbc.sql("select concat_ws(' ', 'evaluation', funds_weight, warnings, finalised_on) from evaluation where project_id = ?")
                .param(projectId).query(String.class).list());
        rows.addAll(jdbc.sql("""
                        select concat_ws(' ', 'applied_event', stream, sequence, event_type, business_date)
                          from applied_event where project_id = ? order by stream, sequence
                        """).param(projectId).query(String.class).list());
        return rows;
    }

    /** The events as records of this test's partition, numbered per stream and project, offsets per topic. */
    private List<Parsed> records(List<PublishedEvent> events) {
        return events.stream().map(event -> {
            String topic = topicOf(event);
            long sequence = sequences.merge(topic + '/' + event.projectId(), 1L, Long::sum) - 1;
            return record(topic, event.projectId(), envelope(event, sequence));
        }).toList();
    }

    private Parsed record(String topic, String key, String value) {
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        return Parsed.of(new ConsumerRecord<>(topic, partition, offset, key, value));
    }

    /** The same record again at the next offset, as the relay may publish it twice. */
    private Parsed redelivered(Parsed parsed) {
        return record(parsed.record().topic(), parsed.record().key(), parsed.record().value());
    }

    private static ProjectYearRegistered register(String projectId, String name) {
        return new ProjectYearRegistered(projectId, "C-" + projectId, name, "上海科技馆", "上海科技馆", 2023,
                "shanghai-2023");
    }

    private static InitialBudgetAllocated allocate(String projectId, FundSource source, String amount) {
        return new InitialBudgetAllocated(projectId, source, Money.of(amount), "沪财预〔2023〕1号", LocalDate.of(2023, 1, 5));
    }

    private static BudgetAdjusted adjust(String projectId, String adjustmentId, AdjustmentKind kind, FundSource source,
                                         String amount, String counterpartProject, FundSource counterpartSource) {
        return new BudgetAdjusted(projectId, adjustmentId, kind, source, Money.of(amount), kind.label(),
                "沪财预〔2023〕5号", LocalDate.of(2023, 6, 1), counterpartProject, counterpartSource, false);
    }

    private static ExpenditureRecorded pay(String projectId, FundSource source, String amount, String reference) {
        return new ExpenditureRecorded(projectId, reference, source, Money.of(amount), LocalDate.of(2023, 6, 30),
                "某供应商", "记-" + reference);
    }
}
