package io.jixiao.contracts;

import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.AnnualGoalAchievementReported;
import io.jixiao.contracts.indicator.AnnualGoalSet;
import io.jixiao.contracts.indicator.EvaluationFinalised;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.IndicatorTargetChanged;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private static final Instant RECORDED = Instant.parse("2023-04-01T18:30:00Z");

    @Test
    void everyPublishedTypeRoundTripsThroughItsEnvelope() {
        List<PublishedEvent> events = List.of(
                new ProjectYearRegistered("2023-XXH", "XXH", "信息化建设项目", "上海市科学技术委员会", "上海科技馆", 2023, "shanghai-2023"),
                new InitialBudgetAllocated("2023-XXH", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("14046700.00"), "沪财预〔2023〕1号", LocalDate.of(2023, 1, 1)),
                new ProjectYearOpened("2023-XXH", LocalDate.of(2023, 1, 1)),
                new BudgetAdjusted("2023-XXH", "ADJ-1", AdjustmentKind.TRANSFER_OUT, FundSource.OTHER_FUNDS, Money.of("6499.78"),
                        "调剂", "沪财预〔2023〕9号", LocalDate.of(2023, 6, 1), "2023-ZSYX", FundSource.CURRENT_YEAR_APPROPRIATION, false),
                new ExpenditureRecorded("2023-XXH", "PAY-1", FundSource.OTHER_FUNDS, Money.of("0.01"), LocalDate.of(2023, 3, 30), "某公司", "V-1"),
                new ExpenditureReversed("2023-XXH", "PAY-1", FundSource.OTHER_FUNDS, Money.of("0.01"), LocalDate.of(2023, 4, 2), "录入错误"),
                new ExpenditureRefunded("2024-XXH", "RF-1", "2023-XXH", "PAY-2", FundSource.OTHER_FUNDS, Money.of("5.00"), LocalDate.of(2024, 1, 5), "退款"),
                new ProjectYearClosed("2023-XXH", LocalDate.of(2023, 12, 31)),
                new IndicatorDefined("2023-XXH", "i1", "产出指标", "数量指标", "系统访问量", Target.parse("≥15600000.00(人次/年)"), new BigDecimal("5.00")),
                new IndicatorTargetChanged("2023-XXH", "i1", 2, Target.parse("≥9000000(人次/年)"), "上线推迟", LocalDate.of(2023, 9, 1)),
                new IndicatorActualRecorded("2023-XXH", "i1", Actual.parse("0.00(人次/年)"), LocalDate.of(2023, 12, 31)),
                new IndicatorBoundToExecutionRate("2023-XXH", "i2", LocalDate.of(2023, 2, 1)),
                new IndicatorScored("2023-XXH", "i1", ScoreKind.SELF_ASSESSED, new BigDecimal("0.00"), "系统为2年建设项目", false, LocalDate.of(2024, 1, 10)),
                new AnnualGoalSet("2023-XXH", "<p>1 个数字底座</p>"),
                new AnnualGoalAchievementReported("2023-XXH", "建成"),
                new EvaluationFinalised("2023-XXH", new BigDecimal("10.00"), List.of("level-1 split differs"), LocalDate.of(2024, 1, 15)));
        assertThat(events.stream().map(Object::getClass).toList()).containsExactlyInAnyOrderElementsOf(List.copyOf(EventJson.types()));

        long sequence = 0;
        for (PublishedEvent event : events) {
            String json = EventJson.write(event, "id-" + sequence, sequence, RECORDED);
            EventEnvelope envelope = EventJson.read(json);
            assertThat(envelope.type()).isEqualTo(event.getClass().getSimpleName());
            assertThat(envelope.schemaVersion()).isEqualTo(PublishedEvent.schemaVersionOf(event.getClass()));
            assertThat(envelope.sequence()).isEqualTo(sequence);
            assertThat(envelope.projectId()).isEqualTo(event.projectId());
            assertThat(EventJson.payload(envelope)).isEqualTo(event);
            sequence++;
        }
    }

    @Test
    void amountsTravelAsStringsAndBusinessDateDefaultsToTheShanghaiRecordedDate() {
        String json = EventJson.write(new ProjectYearRegistered("p", "c", "n", "d", "u", 2023, "shanghai-2023"), "e", 0, RECORDED);
        // 18:30 UTC is 02:30 next day in Shanghai
        assertThat(EventJson.read(json).businessDate()).isEqualTo(LocalDate.of(2023, 4, 2));

        String payment = EventJson.write(new ExpenditureRecorded("p", "r", FundSource.OTHER_FUNDS, Money.of("57.00"),
                LocalDate.of(2023, 3, 30), "x", "v"), "e2", 1, RECORDED);
        assertThat(payment).contains("\"amount\":\"57.00\"").contains("\"businessDate\":\"2023-03-30\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{}", "[1,2]",
            "{\"eventId\":\"e\",\"type\":\"Nope\",\"schemaVersion\":1,\"projectId\":\"p\",\"sequence\":0,\"recordedAt\":\"2023-01-01T00:00:00Z\",\"payload\":{}}",
            "{\"eventId\":\"e\",\"type\":\"ExpenditureRecorded\",\"schemaVersion\":9,\"projectId\":\"p\",\"sequence\":0,\"recordedAt\":\"2023-01-01T00:00:00Z\",\"payload\":{}}",
            "{\"eventId\":\"e\",\"type\":\"ExpenditureRecorded\",\"schemaVersion\":1,\"projectId\":\"p\",\"sequence\":0,\"recordedAt\":\"2023-01-01T00:00:00Z\",\"payload\":{\"projectId\":\"p\",\"amount\":\"1e9\"}}",
            "{\"eventId\":\"e\",\"type\":\"ExpenditureRecorded\",\"schemaVersion\":1,\"projectId\":\"p\",\"sequence\":0,\"recordedAt\":\"2023-01-01T00:00:00Z\",\"payload\":{\"projectId\":\"other\"}}"})
    void malformedRecordsAreReportedNotGuessed(String json) {
        assertThatThrownBy(() -> EventJson.payload(EventJson.read(json))).isInstanceOf(EventJson.MalformedEventException.class);
    }

    @Test
    void aStoredEventBecomesTheEnvelopeOfItsEventWithItsJsonAsThePayload() {
        ExpenditureRecorded event = new ExpenditureRecorded("p", "r", FundSource.OTHER_FUNDS, Money.of("57.00"),
                LocalDate.of(2023, 3, 30), "x", "v");
        String stored = "{\"projectId\":\"p\",\"paymentReference\":\"r\",\"fundSource\":\"OTHER_FUNDS\",\"amount\":\"57.00\","
                + "\"businessDate\":\"2023-03-30\",\"payee\":\"x\",\"voucherNumber\":\"v\"}";
        EventJson.Written written = EventJson.writeStored(ExpenditureRecorded.class,
                stored.getBytes(java.nio.charset.StandardCharsets.UTF_8), "e2", 1, RECORDED);
        assertThat(written.projectId()).isEqualTo("p");
        assertThat(written.json()).isEqualTo(EventJson.write(event, "e2", 1, RECORDED));
        // without a business date of its own, the recorded date in Shanghai, as for write
        EventJson.Written registered = EventJson.writeStored(ProjectYearRegistered.class,
                "{\"projectId\":\"p\",\"nested\":{\"businessDate\":\"2020-01-01\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "e", 0, RECORDED);
        assertThat(EventJson.read(registered.json()).businessDate()).isEqualTo(LocalDate.of(2023, 4, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "\"p\"", "{\"payee\":\"x\"}", "{\"projectId\":\"p\"} {}",
            "{\"projectId\":\"p\",\"businessDate\":\"2023-02-30\"}", "{\"projectId\":\"p\""})
    void storedJsonThatIsNotOneEventObjectIsRefused(String stored) {
        assertThatThrownBy(() -> EventJson.writeStored(ExpenditureRecorded.class,
                stored.getBytes(java.nio.charset.StandardCharsets.UTF_8), "e", 0, RECORDED))
                .isInstanceOf(EventJson.MalformedEventException.class);
    }
}
