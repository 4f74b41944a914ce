package org.consentledger.operator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters into 400 problems instead of 500s. */
final class QueryParams {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private QueryParams() {
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw OperatorProblems.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** ISO-8601 instant ({@code 2026-11-25T10:00:00Z}) or a date ({@code 2026-11-25}, start of day UTC). */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw OperatorProblems.badRequest(name + " must be an ISO-8601 instant or date, e.g. 2026-11-25T10:00:00Z");
        }
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw OperatorProblems.badRequest(name + " must be a date like 2026-11-25");
        }
    }

    static long parseLongCursor(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw OperatorProblems.badRequest("cursor is not valid");
        }
    }
}
