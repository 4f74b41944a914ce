package org.consentledger.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Maps every failure to an RFC 9457 problem document. Never leaks class names or stack traces;
 * database unavailability becomes 503 with Retry-After.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    public static Response toResponse(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder builder = Response.status(e.problem().status())
                .type(Problem.MEDIA_TYPE).entity(e.problem());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .collect(Collectors.toList());
        return toResponse(Problem.validation("The request has invalid fields", errors));
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return toResponse(Problem.validation("Unknown field " + u.getPropertyName(),
                    List.of(new Problem.FieldError(u.getPropertyName(), "unknown field"))));
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            MismatchedInputException m = (MismatchedInputException) e;
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (!field.isEmpty()) {
                return toResponse(Problem.of(400, "malformed-json", "Malformed request body",
                        "Field '" + field + "' has the wrong type"));
            }
        }
        String message = String.valueOf(e.getOriginalMessage());
        String detail = message.startsWith("Duplicate field") ? "The request body has a duplicate key"
                : message.startsWith("Trailing token") ? "The request body has content after the JSON document"
                : e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException
                ? "The request body is nested too deeply or has too long values"
                : "The request body is not valid JSON of the expected shape";
        return toResponse(Problem.of(400, "malformed-json", "Malformed request body", detail));
    }

    // the more specific Jackson types get mappers of their own: Quarkus REST's built-in mappers for them would
    // otherwise win over the JsonProcessingException one and answer an empty 400
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return jsonProcessing(e);
    }

    @ServerExceptionMapper
    public Response streamRead(com.fasterxml.jackson.core.exc.StreamReadException e) {
        return jsonProcessing(e);
    }

    @ServerExceptionMapper
    public Response databind(com.fasterxml.jackson.databind.DatabindException e) {
        return jsonProcessing(e);
    }

    @ServerExceptionMapper
    public Response jsonBody(JsonBody.MalformedBodyException e) {
        return jsonProcessing((JsonProcessingException) e.getCause());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return jsonProcessing(jpe);
        }
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 406 -> "None of the accepted media types can be produced";
            case 413 -> "The request body is too large";
            case 415 -> "Unsupported content type; send application/json";
            default -> title;
        };
        return toResponse(Problem.of(status, slug(title), title, detail));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", rootMessage(e));
            return Response.status(503).type(Problem.MEDIA_TYPE)
                    .header("Retry-After", DATABASE_RETRY_AFTER_SECONDS)
                    .entity(Problem.of(503, "unavailable", "Service unavailable",
                            "The database is not reachable; a write may have been stored; retry with the same Idempotency-Key"))
                    .build();
        }
        if (isBadFormEncoding(e)) {
            // a form body with bad percent-encoding (%zz): the REST layer's form parser refuses it
            return toResponse(Problem.of(400, "bad-request", "Bad request",
                    "The form body is not valid percent-encoding"));
        }
        if (HttpGuard.isFramingError(e)) {
            // the body could not be read (a bad chunk size …): the client's mistake, one line without stack trace
            LOG.warnf("Malformed HTTP request body: %s", rootMessage(e));
            return toResponse(Problem.of(400, "bad-request", "Bad request", "The request is not well-formed HTTP"));
        }
        if (isClientGone(e)) {
            // e.g. a load generator stopping mid-request: no one receives the answer, nothing to investigate
            LOG.debugf("Client closed the connection before the answer: %s", rootMessage(e));
        } else {
            LOG.error("Unexpected error", e);
        }
        return toResponse(Problem.of(500, "internal", "Internal error",
                "An unexpected error occurred; it has been logged"));
    }

    /** True when the REST layer's form parser could not percent-decode the (client's) form body. */
    static boolean isBadFormEncoding(Throwable e) {
        if (!(e instanceof IllegalArgumentException)) {
            return false;
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().contains("FormEncodedDataDefinition")) {
                return true;
            }
        }
        return false;
    }

    /** True when the client closed the connection before the answer was written. */
    static boolean isClientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof io.vertx.core.VertxException && "Connection was closed".equals(t.getMessage())
                    || t instanceof java.io.IOException && "Connection reset by peer".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the failure comes from the database connection (down, unreachable, pool exhausted) or from a database
     * that is too busy to answer now (lock wait timeout, a conflict that outlived the retries, a Galera node not ready).
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.sql.SQLTransientException
                    || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage());
                // 1205 lock wait timeout and 1213/40001 deadlock or Galera certification conflict: the database is
                // busy (e.g. a node applying a schema change in total order), not our fault; 1047: a Galera node that is
                // not ready for application use
                if (sql.getErrorCode() == 1205 || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1047
                        || "40001".equals(state)) {
                    return true;
                }
                if ((state != null && state.startsWith("08")) || message.contains("Acquisition timeout")
                        || message.contains("Connection refused") || message.contains("Socket fail")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static String fieldName(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        int dot = path.indexOf('.');
        // method-parameter validation paths look like "record.arg0.field": keep the field part
        String[] parts = path.split("\\.");
        return parts.length >= 3 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : dot >= 0 ? path.substring(dot + 1) : path;
    }

    private static String slug(String title) {
        return title == null ? "error" : title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
