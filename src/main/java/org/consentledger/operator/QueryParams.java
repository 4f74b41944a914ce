package org.consentledger.operator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters into 400 problems instead of 500s. */
final class QueryParams {

    /** A whole number, or null when absent; 400 naming {@code name} otherwise. */
    static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw OperatorProblems.badRequest(name + " must be a whole number");
        }
    }

    /** true, false or absent (false); 400 naming {@code name} otherwise. */
    static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw OperatorProblems.badRequest(name + " must be true or false");
    }

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private QueryParams() {
    }

    /** Earliest and latest instant a query or a stored timestamp may name (the TIMESTAMP column starts in 1970). */
    static final Instant EARLIEST = Instant.parse("1970-01-02T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw OperatorProblems.badRequest("limit must be a whole number between 1 and " + MAX_LIMIT);
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
            Instant instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw OperatorProblems.badRequest(name + " must lie between 1970-01-02 and 9999-12-31");
            }
            return instant;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw OperatorProblems.badRequest(name + " must be an ISO-8601 instant or date, e.g. 2026-11-25T10:00:00Z");
        }
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.getYear() < 1970 || date.getYear() > 9999 || date.equals(LocalDate.EPOCH)) {
                throw OperatorProblems.badRequest(name + " must lie between 1970-01-02 and 9999-12-31");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw OperatorProblems.badRequest(name + " must be a date like 2026-11-25");
        }
    }

    static long parseLongCursor(String cursor) {
        try {
            long value = Long.parseLong(cursor);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw OperatorProblems.badRequest("cursor is not valid");
        }
    }
}
