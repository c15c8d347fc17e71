package io.jixiao.budget.projectyear.web;

import io.jixiao.budget.projectyear.Outcome;
import io.jixiao.budget.transfer.TransferProcess;
import io.jixiao.budget.transfer.TransferRequest;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.ProjectYearId;
import io.jixiao.contracts.access.Role;
import io.jixiao.platform.audit.AuditEntry;
import io.jixiao.platform.security.Allowed;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

import static io.jixiao.budget.projectyear.web.Patterns.positiveAmount;

/** 调剂 between projects of the same fiscal year. */
@RestController
class TransferController {

    private final TransferProcess transfers;
    private final ProjectYearScope scope;

    TransferController(TransferProcess transfers, ProjectYearScope scope) {
        this.transfers = transfers;
        this.scope = scope;
    }

    /** Needs rights on both sides: the caller must reach the giving and the receiving project-year. */
    @PostMapping("/transfers")
    @Allowed(value = Role.BUDGET_EDITOR, action = "transfer-between-projects")
    ResponseEntity<Map<String, String>> transfer(@Valid @RequestBody ProjectTransferRequest request) {
        String from = new ProjectYearId(request.fromProjectId()).value();
        String to = new ProjectYearId(request.toProjectId()).value();
        AuditEntry.target(from);
        AuditEntry.idempotencyKey(request.adjustmentId());
        scope.require(from);
        scope.require(to);
        Money amount = positiveAmount(request.amount());
        Outcome outcome = transfers.transfer(new TransferRequest(request.adjustmentId(),
                new TransferRequest.Side(from, request.fromFundSource()), new TransferRequest.Side(to, request.toFundSource()),
                amount, request.reason(), request.documentNumber(), request.businessDate(),
                Boolean.TRUE.equals(request.correction())));
        return ProjectYearController.answer(outcome, Map.of("adjustmentId", request.adjustmentId(), "fromProjectId", from,
                "toProjectId", to, "amount", amount.toString()));
    }
}
