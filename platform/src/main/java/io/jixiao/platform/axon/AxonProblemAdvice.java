package io.jixiao.platform.axon;

import io.jixiao.platform.web.ProblemAdvice;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Axon's repository outcomes as problem+json: unknown aggregate, duplicate creation, lost concurrent update. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AxonProblemAdvice {

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknown(AggregateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemAdvice.problem(HttpStatus.NOT_FOUND,
                "unknown-project", "no project-year " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> duplicate(AggregateStreamCreationException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemAdvice.problem(HttpStatus.CONFLICT,
                "already-exists", "it is already registered"));
    }

    /** Another request changed the same project-year at the same moment; retrying is safe. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemAdvice.problem(HttpStatus.CONFLICT,
                "concurrent-change", "the project-year was changed concurrently; retry the request"));
    }

    @ExceptionHandler(EventStoreException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(EventStoreException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ProblemAdvice.problem(
                HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "the event store is unavailable; retry later"));
    }
}
