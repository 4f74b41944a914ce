package org.consentledger.platform;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists offending fields for validation problems.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://consentledger.org/problems/";

    /**
     * One offending field: a JSON pointer-like path and what is wrong with it (English). {@code code} names the rule
     * (e.g. {@code duplicate_id}) so a client can show its own text; {@code args} are the values the text names
     * (not serialised: the English message already contains them). Both are absent for errors without a code.
     */
    public record FieldError(String field, String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) String code,
            @com.fasterxml.jackson.annotation.JsonIgnore List<String> args) {

        public FieldError(String field, String message) {
            this(field, message, null, List.of());
        }

        public FieldError {
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    public static Problem validation(String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + "validation", "Invalid request", 422, detail, List.copyOf(errors));
    }
}
