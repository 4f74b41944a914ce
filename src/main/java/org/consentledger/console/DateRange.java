package org.consentledger.console;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The date range of the dashboard and the charts: {@code from}/{@code to} days (end inclusive), or the last
 * {@code days} days; the last 30 days by default, at most {@value #MAX_DAYS} days (the statistics API's limit).
 * Problems are message keys of {@link PagesMessages}; with a problem the default range is shown. Pure logic.
 */
public record DateRange(LocalDate from, LocalDate to, List<String> problems) {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 400;

    public static DateRange of(String fromText, String toText, Integer days, LocalDate today) {
        List<String> problems = new ArrayList<>();
        FilterCheck check = new FilterCheck().dates(fromText, toText);
        problems.addAll(check.errors());
        LocalDate to = check.to() != null ? check.to() : today;
        LocalDate from;
        if (check.from() != null) {
            from = check.from();
        } else if (days != null) {
            if (days < 1 || days > MAX_DAYS) {
                problems.add("err_range_long");
            }
            from = to.minusDays(Math.max(1, Math.min(days, MAX_DAYS)) - 1);
        } else {
            from = to.minusDays(DEFAULT_DAYS - 1);
        }
        if (problems.isEmpty() && ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            problems.add("err_range_long");
        }
        if (!problems.isEmpty()) {
            return new DateRange(today.minusDays(DEFAULT_DAYS - 1), today, List.copyOf(problems));
        }
        return new DateRange(from, to, List.of());
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** "3 Dec 2026" / "03.12.2026": the day in the page language's medium format. */
    public static String format(LocalDate day, Locale locale) {
        return day.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
    }

    /** A short axis label: "12/3" in English, "3.12." in German. */
    public static String shortLabel(LocalDate day, Locale locale) {
        return "de".equals(locale.getLanguage()) ? day.getDayOfMonth() + "." + day.getMonthValue() + "."
                : day.getMonthValue() + "/" + day.getDayOfMonth();
    }

    public String fromText(Locale locale) {
        return format(from, locale);
    }

    public String toText(Locale locale) {
        return format(to, locale);
    }
}
