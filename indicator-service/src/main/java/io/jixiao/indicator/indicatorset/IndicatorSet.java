package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.platform.web.DomainException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The indicators of one project-year; created by its first indicator. */
@Aggregate
public class IndicatorSet {

    /** Indicator weights plus the funds row (at least 10) make the form's 100 points. */
    static final BigDecimal MAX_TOTAL_WEIGHT = new BigDecimal("100.00");

    @AggregateIdentifier
    private String projectId;
    private final Map<String, BigDecimal> weights = new HashMap<>();
    private final Map<String, String> actuals = new HashMap<>();

    protected IndicatorSet() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DefineIndicator command) {
        if (weights.containsKey(command.indicatorId())) {
            throw new DomainException.Conflict("indicator-already-defined",
                    "indicator " + command.indicatorId() + " of " + command.projectId() + " is already defined");
        }
        BigDecimal total = weights.values().stream().reduce(command.weight(), BigDecimal::add);
        if (total.compareTo(MAX_TOTAL_WEIGHT) > 0) {
            throw new DomainException.RuleViolation("weights-exceed-total",
                    "indicator weights of " + command.projectId() + " would add up to " + total.toPlainString()
                            + ", beyond " + MAX_TOTAL_WEIGHT.toPlainString(),
                    Map.of("totalWeight", total.toPlainString()));
        }
        apply(new IndicatorDefined(command.projectId(), command.indicatorId(), command.level1(), command.level2(),
                command.level3(), command.target(), command.weight()));
    }

    @CommandHandler
    public void handle(RecordActual command) {
        if (!weights.containsKey(command.indicatorId())) {
            throw new DomainException.NotFound("unknown-indicator",
                    "no indicator " + command.indicatorId() + " in " + projectId);
        }
        if (command.actual().equals(actuals.get(command.indicatorId()))) {
            return; // the same value again changes nothing
        }
        apply(new IndicatorActualRecorded(projectId, command.indicatorId(), command.actual(), command.businessDate()));
    }

    @EventSourcingHandler
    void on(IndicatorDefined event) {
        projectId = event.projectId();
        weights.put(event.indicatorId(), event.weight());
    }

    @EventSourcingHandler
    void on(IndicatorActualRecorded event) {
        actuals.put(event.indicatorId(), event.actual());
    }
}
