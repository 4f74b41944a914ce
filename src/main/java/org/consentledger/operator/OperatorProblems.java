package org.consentledger.operator;

import org.consentledger.platform.Problem;
import org.consentledger.platform.ProblemException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** application/problem+json answers (RFC 9457) of the operator API, on the platform's {@link Problem}. */
public final class OperatorProblems {

    private OperatorProblems() {
    }

    public static ProblemException of(int status, String slug, String title, String detail) {
        return new ProblemException(Problem.of(status, slug, title, detail));
    }

    public static ProblemException notFound(String detail) {
        return ProblemException.notFound(detail);
    }

    public static ProblemException badRequest(String detail) {
        return ProblemException.badRequest(detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    public static ProblemException forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    /** 422 with the offending fields. */
    public static ProblemException invalid(Map<String, String> fieldErrors) {
        List<Problem.FieldError> errors = new ArrayList<>();
        fieldErrors.forEach((field, message) -> errors.add(new Problem.FieldError(field, message)));
        return ProblemException.validation("The request has invalid fields: " + String.join(", ", fieldErrors.keySet()),
                errors);
    }

    /** 503 + Retry-After: a dependency (the database) is not reachable. */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail),
                Map.of("Retry-After", "2"));
    }

    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        return new ProblemException(Problem.of(429, "rate-limited", "Too many requests",
                "Rate limit exceeded; retry after " + retryAfterSeconds + " s"),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}
