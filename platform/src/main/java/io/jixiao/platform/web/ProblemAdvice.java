package io.jixiao.platform.web;

import io.jixiao.platform.audit.AuditEntry;
import io.jixiao.platform.domain.DomainException;
import io.jixiao.platform.security.AccessRefused;

import io.jixiao.contracts.InvalidValueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Every error leaves as application/problem+json with a stable {@code type} and {@code code}. */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:jixiao:problem:" + code));
        problem.setProperty("code", code);
        AuditEntry.reason(code);
        return problem;
    }

    /** The HTTP status of a domain refusal: 404 unknown, 409 conflict, 422 rule broken, 503 unavailable. */
    public static HttpStatus status(DomainException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case RULE_BROKEN -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        HttpStatus status = status(e);
        ProblemDetail problem = problem(status, e.code(), e.getMessage());
        e.details().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (e.details().get("retryAfterSeconds") instanceof Number seconds) {
            response.header(org.springframework.http.HttpHeaders.RETRY_AFTER, seconds.toString());
        }
        return response.body(problem);
    }

    @ExceptionHandler(AccessRefused.class)
    ResponseEntity<ProblemDetail> refused(AccessRefused e) {
        HttpStatus status = e.code().equals("unauthenticated") ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
        return ResponseEntity.status(status).body(problem(status, e.code(), e.getMessage()));
    }

    @ExceptionHandler(BodyTooLargeException.class)
    void tooLarge(BodyTooLargeException e, jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        tooLarge(e.getMessage(), response);
    }

    /**
     * 413, written whole (with its length) and with {@code Connection: close}: the rest of the body is never read,
     * and the client must be able to tell the answer is complete although the connection ends right after it.
     */
    private static void tooLarge(String detail, jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        AuditEntry.reason("body-too-large");
        response.setHeader(org.springframework.http.HttpHeaders.CONNECTION, "close");
        ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE.value(), "body-too-large", detail);
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidValueException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", e.getMessage());
        problem.setProperty("field", e.field());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            org.springframework.http.HttpHeaders headers, HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        BodyTooLargeException tooLarge = causeOf(e, BodyTooLargeException.class);
        if (tooLarge != null && request instanceof org.springframework.web.context.request.ServletWebRequest servlet
                && servlet.getResponse() != null) {
            try {
                tooLarge(tooLarge.getMessage(), servlet.getResponse());
            } catch (java.io.IOException gone) {
                log.debug("the client left before its 413: {}", gone.toString());
            }
            return null;
        }
        ProblemDetail problem;
        UnrecognizedPropertyException unknown = causeOf(e, UnrecognizedPropertyException.class);
        InvalidValueException invalid = causeOf(e, InvalidValueException.class);
        DatabindException binding = causeOf(e, DatabindException.class);
        if (unknown != null) {
            problem = problem(HttpStatus.BAD_REQUEST, "unknown-field", "unknown field \"" + unknown.getPropertyName() + '"');
            problem.setProperty("field", unknown.getPropertyName());
        } else if (invalid != null) {
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", invalid.getMessage());
            problem.setProperty("field", invalid.field());
        } else if (binding != null && !binding.getPath().isEmpty()) {
            // a value of the wrong form in a known field: an unknown fund source, a date that does not exist
            String field = fieldPath(binding);
            problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", field + ": " + describe(binding));
            problem.setProperty("field", field);
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "malformed-body", "the request body is not the expected JSON: "
                    + firstLine(e.getMostSpecificCause().getMessage()));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            org.springframework.http.HttpHeaders headers, HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", errors.isEmpty()
                ? "the request is invalid" : errors.get(0).get("field") + ": " + errors.get(0).get("message"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            org.springframework.http.HttpHeaders headers, HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-input", firstLine(e.getMessage())));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, org.springframework.http.HttpHeaders headers,
            HttpStatusCode statusCode, org.springframework.web.context.request.WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            String code = HttpStatus.resolve(statusCode.value()) != null
                    ? HttpStatus.valueOf(statusCode.value()).name().toLowerCase().replace('_', '-') : "error";
            problem.setType(URI.create("urn:jixiao:problem:" + code));
            problem.setProperty("code", code);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (databaseUnavailable(e)) {
            // the database restarting or out of reach is no bug, and no reason for a client to give up: a 503 with
            // Retry-After. The commit may have reached it before the connection broke, so the key decides (the fault
            // suite saw these as 500 while PostgreSQL restarted)
            log.warn("database unavailable: {}", firstLine(String.valueOf(e.getMessage())));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "the database could not be reached; "
                            + "the request may or may not have been recorded: retry it with the same key, which answers "
                            + "DUPLICATE if it was"));
        }
        log.error("unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "an unexpected error occurred"));
    }

    /**
     * True when {@code e} comes from the database being out of reach: a connection that could not be had or broke
     * (SQLState class 08), a server shutting down or starting (57P01 to 57P03), a session the server ended for idling
     * inside its transaction (25P03: it rolled back), or the pool or transaction manager saying so.
     */
    private static final java.util.Set<String> UNAVAILABLE_EXCEPTIONS = java.util.Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "org.springframework.jdbc.CannotGetJdbcConnectionException",
            "org.hibernate.exception.JDBCConnectionException");

    static boolean databaseUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientConnectionException || cause instanceof java.sql.SQLRecoverableException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    // by name: not every service that uses this advice has spring-tx on its class path
                    || UNAVAILABLE_EXCEPTIONS.contains(cause.getClass().getName())) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P") || sql.getSQLState().equals("25P03"))) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() == null && closedByPool(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hikari's answer on a connection it has already closed, having found it broken: an SQLException without a state,
     * from its closed-connection proxy (the fault suite saw it as a 500 after PostgreSQL's connections were reset).
     */
    private static boolean closedByPool(java.sql.SQLException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection");
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String fieldPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(reference -> {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        });
        return path.toString();
    }

    private static String describe(DatabindException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return "\"" + invalid.getValue() + "\" is not one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (e instanceof InvalidFormatException invalid) {
            return "\"" + invalid.getValue() + "\" is not a valid " + invalid.getTargetType().getSimpleName();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return firstLine(root == e ? e.getOriginalMessage() : root.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
