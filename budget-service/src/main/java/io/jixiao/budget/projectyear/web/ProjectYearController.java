package io.jixiao.budget.projectyear.web;

import io.jixiao.budget.projectyear.AllocateInitialBudget;
import io.jixiao.budget.projectyear.PaymentOutcome;
import io.jixiao.contracts.ProjectYearId;
import io.jixiao.budget.projectyear.RecordExpenditure;
import io.jixiao.budget.projectyear.RegisterProjectYear;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.InvalidValueException;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/** Commands on project-years: registration, initial budgets, payments. */
@RestController
@RequestMapping("/projects")
class ProjectYearController {

    static final String DEFAULT_RULE_SET = "shanghai-2023";

    private final CommandGateway commands;

    ProjectYearController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterProjectYearRequest request) {
        ProjectYearId id = ProjectYearId.of(request.code(), request.fiscalYear());
        commands.sendAndWait(new RegisterProjectYear(id.value(), request.code(), request.name().strip(),
                request.department().strip(), request.implementingUnit().strip(), request.fiscalYear(),
                request.ruleSet() == null ? DEFAULT_RULE_SET : request.ruleSet()));
        return ResponseEntity.created(URI.create("/projects/" + id)).body(Map.of("projectId", id.value()));
    }

    @PostMapping("/{projectId}/initial-budgets")
    ResponseEntity<Map<String, String>> allocateInitialBudget(@PathVariable String projectId,
                                                              @Valid @RequestBody AllocateInitialBudgetRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        Money amount = positiveAmount(request.amount());
        commands.sendAndWait(new AllocateInitialBudget(id.value(), request.fundSource(), amount, request.documentNumber()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of(
                "projectId", id.value(), "fundSource", request.fundSource().name(), "amount", amount.toString()));
    }

    @PostMapping("/{projectId}/expenditures")
    ResponseEntity<Map<String, String>> recordExpenditure(@PathVariable String projectId,
                                                          @Valid @RequestBody RecordExpenditureRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        Money amount = positiveAmount(request.amount());
        PaymentOutcome outcome = commands.sendAndWait(new RecordExpenditure(id.value(), request.paymentReference(),
                request.fundSource(), amount, request.businessDate(), request.payee(), request.voucherNumber()));
        // A repeat of the same payment answers like the original, but says it changed nothing.
        HttpStatus status = outcome == PaymentOutcome.RECORDED ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(Map.of("projectId", id.value(),
                "paymentReference", request.paymentReference(), "amount", amount.toString(), "outcome", outcome.name()));
    }

    private static Money positiveAmount(String text) {
        Money amount = Money.parse(text);
        if (!amount.isPositive()) {
            throw new InvalidValueException("amount", "amount must be positive: " + text);
        }
        return amount;
    }
}
