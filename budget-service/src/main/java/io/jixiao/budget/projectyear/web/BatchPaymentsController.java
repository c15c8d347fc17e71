package io.jixiao.budget.projectyear.web;

import io.jixiao.budget.projectyear.Outcome;
import io.jixiao.budget.projectyear.PaymentDecision;
import io.jixiao.budget.projectyear.RecordExpenditure;
import io.jixiao.budget.projectyear.RecordExpenditures;
import io.jixiao.contracts.InvalidValueException;
import io.jixiao.contracts.ProjectYearId;
import io.jixiao.contracts.access.Role;
import io.jixiao.platform.domain.DomainException;
import io.jixiao.platform.security.Allowed;
import io.jixiao.platform.security.Caller;
import io.jixiao.platform.security.Callers;
import io.jixiao.platform.web.ProblemAdvice;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.jixiao.budget.projectyear.web.Patterns.positiveAmount;

/**
 * Payments in batches, as finance systems post them. Every item is answered on its own: recorded, duplicate, or
 * rejected with its reason; one bad item never sinks the others. The items of one project-year are recorded in
 * one transaction, in the order given.
 */
@RestController
class BatchPaymentsController {

    static final int MAX_BATCH = 5000;

    private final CommandGateway commands;
    private final Validator validator;
    private final ProjectYearScope scope;

    BatchPaymentsController(CommandGateway commands, Validator validator, ProjectYearScope scope) {
        this.commands = commands;
        this.validator = validator;
        this.scope = scope;
    }

    /** The answer to one item, at its index in the request. */
    record ItemResult(int index, String projectId, String paymentReference, String outcome, int status, String code,
                      String detail, Map<String, Object> details) {
    }

    record BatchResult(int accepted, int duplicates, int rejected, List<ItemResult> results) {
    }

    private record Pending(int index, RecordExpenditure command) {
    }

    @PostMapping("/expenditures/batch")
    @Allowed(value = Role.POSTER, action = "record-payments-batch")
    BatchResult post(@Valid @RequestBody BatchPaymentsRequest request) {
        List<BatchPaymentsRequest.BatchPayment> payments = request.payments();
        if (payments.isEmpty() || payments.size() > MAX_BATCH) {
            throw new InvalidValueException("payments", "a batch holds 1 to " + MAX_BATCH + " payments, not " + payments.size());
        }
        List<ItemResult> results = new ArrayList<>(payments.size());
        Map<String, List<Pending>> byProject = new LinkedHashMap<>();
        for (int index = 0; index < payments.size(); index++) {
            BatchPaymentsRequest.BatchPayment payment = payments.get(index);
            try {
                byProject.computeIfAbsent(new ProjectYearId(payment.projectId()).value(), id -> new ArrayList<>())
                        .add(new Pending(index, validated(payment)));
            } catch (InvalidValueException invalid) {
                results.add(rejected(index, payment.projectId(), payment.paymentReference(), 400, "invalid-input",
                        invalid.getMessage(), Map.of("field", invalid.field())));
            }
        }
        // every item is checked: one out of the caller's reach is answered as an unknown project-year
        Caller caller = Callers.require();
        byProject.forEach((projectId, pending) -> results.addAll(scope.reaches(caller, projectId)
                ? record(projectId, pending) : unknown(projectId, pending)));
        results.sort(Comparator.comparingInt(ItemResult::index));
        int accepted = count(results, Outcome.RECORDED.name());
        int duplicates = count(results, Outcome.DUPLICATE.name());
        return new BatchResult(accepted, duplicates, results.size() - accepted - duplicates, results);
    }

    private RecordExpenditure validated(BatchPaymentsRequest.BatchPayment payment) {
        RecordExpenditureRequest request = payment.request();
        Set<ConstraintViolation<RecordExpenditureRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<RecordExpenditureRequest> first = violations.iterator().next();
            throw new InvalidValueException(first.getPropertyPath().toString(), first.getPropertyPath() + ": " + first.getMessage());
        }
        return request.toCommand(payment.projectId(), positiveAmount(request.amount()));
    }

    private List<ItemResult> record(String projectId, List<Pending> pending) {
        List<ItemResult> results = new ArrayList<>(pending.size());
        try {
            List<PaymentDecision> decisions = commands.sendAndWait(new RecordExpenditures(projectId,
                    pending.stream().map(Pending::command).toList()));
            for (int i = 0; i < pending.size(); i++) {
                results.add(result(pending.get(i), decisions.get(i)));
            }
        } catch (AggregateNotFoundException notFound) {
            results.addAll(unknown(projectId, pending));
        } catch (DomainException refused) {
            for (Pending item : pending) {
                results.add(rejected(item.index(), projectId, item.command().paymentReference(), ProblemAdvice.status(refused).value(),
                        refused.code(), refused.getMessage(), refused.details()));
            }
        }
        return results;
    }

    private static List<ItemResult> unknown(String projectId, List<Pending> pending) {
        DomainException unknown = ProjectYearScope.unknown(projectId);
        return pending.stream().map(item -> rejected(item.index(), projectId, item.command().paymentReference(), 404,
                unknown.code(), unknown.getMessage(), Map.of())).toList();
    }

    private static ItemResult result(Pending item, PaymentDecision decision) {
        String reference = item.command().paymentReference();
        String projectId = item.command().projectId();
        if (decision.outcome() != null) {
            int status = decision.outcome() == Outcome.RECORDED ? 201 : 200;
            return new ItemResult(item.index(), projectId, reference, decision.outcome().name(), status, null, null, Map.of());
        }
        DomainException rejection = decision.rejection();
        return rejected(item.index(), projectId, reference, ProblemAdvice.status(rejection).value(), rejection.code(),
                rejection.getMessage(), rejection.details());
    }

    private static ItemResult rejected(int index, String projectId, String reference, int status, String code,
                                       String detail, Map<String, Object> details) {
        return new ItemResult(index, projectId, reference, "REJECTED", status, code, detail, details);
    }

    private static int count(List<ItemResult> results, String outcome) {
        return (int) results.stream().filter(result -> result.outcome().equals(outcome)).count();
    }
}
