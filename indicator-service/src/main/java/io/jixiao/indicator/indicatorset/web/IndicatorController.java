package io.jixiao.indicator.indicatorset.web;

import io.jixiao.contracts.ProjectYearId;
import io.jixiao.indicator.indicatorset.DefineIndicator;
import io.jixiao.indicator.indicatorset.RecordActual;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/** Commands on the indicators of a project-year. */
@RestController
@RequestMapping("/projects/{projectId}/indicators")
class IndicatorController {

    private final CommandGateway commands;
    private final Clock clock;

    IndicatorController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> define(@PathVariable String projectId, @Valid @RequestBody DefineIndicatorRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        BigDecimal weight = request.parsedWeight();
        commands.sendAndWait(new DefineIndicator(id.value(), request.indicatorId(), request.level1(), request.level2().strip(),
                request.level3().strip(), request.target().strip(), weight));
        return ResponseEntity.created(URI.create("/projects/" + id + "/indicators/" + request.indicatorId()))
                .body(Map.of("projectId", id.value(), "indicatorId", request.indicatorId(), "weight", weight.toPlainString()));
    }

    @PutMapping("/{indicatorId}/actual")
    Map<String, String> recordActual(@PathVariable String projectId, @PathVariable String indicatorId,
                                     @Valid @RequestBody RecordActualRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        LocalDate businessDate = request.businessDate() != null ? request.businessDate() : LocalDate.now(clock);
        commands.sendAndWait(new RecordActual(id.value(), indicatorId, request.actual().strip(), businessDate));
        return Map.of("projectId", id.value(), "indicatorId", indicatorId, "actual", request.actual().strip());
    }
}
