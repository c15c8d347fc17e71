package io.jixiao.budget.projectyear.web;

import io.jixiao.budget.projectyear.Outcome;
import io.jixiao.budget.projectyear.Transfers;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.ProjectYearId;
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

    private final Transfers transfers;

    TransferController(Transfers transfers) {
        this.transfers = transfers;
    }

    @PostMapping("/transfers")
    ResponseEntity<Map<String, String>> transfer(@Valid @RequestBody ProjectTransferRequest request) {
        String from = new ProjectYearId(request.fromProjectId()).value();
        String to = new ProjectYearId(request.toProjectId()).value();
        Money amount = positiveAmount(request.amount());
        Outcome outcome = transfers.transfer(request.adjustmentId(), new Transfers.Side(from, request.fromFundSource()),
                new Transfers.Side(to, request.toFundSource()), amount, request.reason(), request.documentNumber(),
                request.businessDate(), Boolean.TRUE.equals(request.correction()));
        return ProjectYearController.answer(outcome, Map.of("adjustmentId", request.adjustmentId(), "fromProjectId", from,
                "toProjectId", to, "amount", amount.toString()));
    }
}
