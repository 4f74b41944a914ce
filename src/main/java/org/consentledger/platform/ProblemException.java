package org.consentledger.platform;

import java.util.List;
import java.util.Map;

/**
 * Thrown by services to answer with a problem document. Carries optional extra response headers
 * (e.g. {@code Retry-After}).
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail));
    }

    public static ProblemException validation(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.validation(detail, errors));
    }

    public static ProblemException invalidField(String field, String message) {
        return validation(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail),
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
}
