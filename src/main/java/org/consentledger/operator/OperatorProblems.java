package org.consentledger.operator;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** application/problem+json answers (RFC 9457) for the operator API. */
public final class OperatorProblems {

    public static final String PROBLEM_JSON = "application/problem+json";

    private OperatorProblems() {
    }

    public static Map<String, Object> body(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        return body;
    }

    public static Response response(int status, String title, String detail) {
        return Response.status(status).type(PROBLEM_JSON).entity(body(status, title, detail)).build();
    }

    public static WebApplicationException of(int status, String title, String detail) {
        return new WebApplicationException(response(status, title, detail));
    }

    public static WebApplicationException notFound(String detail) {
        return of(404, "Not Found", detail);
    }

    public static WebApplicationException badRequest(String detail) {
        return of(400, "Bad Request", detail);
    }

    public static WebApplicationException forbidden(String detail) {
        return of(403, "Forbidden", detail);
    }

    public static WebApplicationException conflict(String detail) {
        return of(409, "Conflict", detail);
    }

    /** 422 with the offending fields. */
    public static WebApplicationException invalid(Map<String, String> fieldErrors) {
        Map<String, Object> body = body(422, "Unprocessable Content", "The request has invalid fields");
        java.util.List<Map<String, String>> errors = new java.util.ArrayList<>();
        fieldErrors.forEach((field, message) -> errors.add(Map.of("field", field, "message", message)));
        body.put("errors", errors);
        return new WebApplicationException(Response.status(422).type(PROBLEM_JSON).entity(body).build());
    }

    public static WebApplicationException tooManyRequests(long retryAfterSeconds) {
        return new WebApplicationException(Response.status(429).type(PROBLEM_JSON)
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .entity(body(429, "Too Many Requests", "Rate limit exceeded; retry after " + retryAfterSeconds + " s"))
                .build());
    }
}
