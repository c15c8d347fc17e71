package io.jixiao.contracts.budget;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/**
 * The full-year budget of one fund source was adjusted by {@code kind.sign() × amount}.
 *
 * @param adjustmentId          the adjustment's id; both halves of a transfer carry the same one
 * @param amount                always positive; the kind gives the direction
 * @param counterpartProjectId  for transfers, the project on the other side (this one for a transfer between sources)
 * @param counterpartFundSource for transfers, the fund source on the other side
 * @param correction            a decrease below what was already paid, accepted as a correction
 */
@SchemaVersion(1)
public record BudgetAdjusted(String projectId, String adjustmentId, AdjustmentKind kind, FundSource fundSource,
                             Money amount, String reason, String documentNumber, LocalDate businessDate,
                             String counterpartProjectId, FundSource counterpartFundSource, boolean correction)
        implements PublishedEvent {
}
