package org.consentledger.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the filter forms of the log and audit pages before they are sent to the API, and names each problem by a
 * message key of {@link PagesMessages}, so the page explains it in its own language instead of showing no rows. Dates
 * are days as the date inputs send them; the end day is inclusive. Pure logic.
 */
public final class FilterCheck {

    static final int MIN_PREFIX = 4;
    private static final Pattern VISITOR_CHARS = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern ACTION_CHARS = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final List<String> errors = new ArrayList<>();
    private LocalDate from;
    private LocalDate to;

    public List<String> errors() {
        return errors;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The start day, or null. */
    public LocalDate from() {
        return from;
    }

    /** The end day (inclusive), or null. */
    public LocalDate to() {
        return to;
    }

    /** {@code from} and {@code to} as dates between 1970-01-02 and 9999-12-30, the end not before the start. */
    public FilterCheck dates(String fromText, String toText) {
        from = date(fromText, "err_date_from");
        to = date(toText, "err_date_to");
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("err_to_before_from");
        }
        return this;
    }

    private LocalDate date(String text, String key) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(text.strip());
            if (d.isBefore(LocalDate.of(1970, 1, 2)) || d.isAfter(LocalDate.of(9999, 12, 30))) {
                errors.add(key);
                return null;
            }
            return d;
        } catch (DateTimeParseException e) {
            errors.add(key);
            return null;
        }
    }

    /** A whole visitor id or its beginning: at least {@value #MIN_PREFIX} characters a visitor id can have. */
    public FilterCheck visitor(String text) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String v = text.strip();
        if (!VISITOR_CHARS.matcher(v).matches()) {
            errors.add("err_prefix_chars");
        } else if (v.length() < MIN_PREFIX) {
            errors.add("err_prefix_short");
        }
        return this;
    }

    /** A category the site's configs name, and a decision only together with a category. */
    public FilterCheck category(String category, String decision, CategoryTitles categories) {
        if (category != null && !category.isBlank() && !categories.contains(category)) {
            errors.add("err_unknown_category");
        }
        if (decision != null && !decision.isBlank() && (category == null || category.isBlank())) {
            errors.add("err_decision_needs_category");
        }
        return this;
    }

    /** A value that must be one of {@code allowed}, else {@code key}. */
    public FilterCheck oneOf(String value, Collection<String> allowed, String key) {
        if (value != null && !value.isBlank() && !allowed.contains(value)) {
            errors.add(key);
        }
        return this;
    }

    /** An audit action or its beginning. */
    public FilterCheck actionPrefix(String text) {
        if (text != null && !text.isBlank() && !ACTION_CHARS.matcher(text.strip()).matches()) {
            errors.add("err_action_prefix");
        }
        return this;
    }
}
