package org.consentledger.console;

import org.consentledger.operator.StatsService;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Opt-in per optional category of a site over a date range: accepted, rejected, the rate (accepted / decided) and a
 * daily sparkline. A site with several optional categories has no single opt-in rate, so none is made up; required
 * categories are always "accepted" and are left out. Pure logic.
 */
public final class OptInSummary {

    /** One category's opt-in over the range. */
    public record CategoryOptIn(String id, String title, long accepted, long rejected, String percent,
            Sparkline spark) {
        public long decided() {
            return accepted + rejected;
        }
    }

    private OptInSummary() {
    }

    /** Optional categories in config order (then ones only the statistics know), each with its numbers. */
    public static List<CategoryOptIn> of(List<StatsService.DayCategory> days, CategoryTitles titles, LocalDate from,
            LocalDate to, Locale locale, int width, int height) {
        Map<String, Map<LocalDate, long[]>> perCategory = new LinkedHashMap<>();
        for (CategoryTitles.Category c : titles.all()) {
            if (!c.required()) {
                perCategory.put(c.id(), new LinkedHashMap<>());
            }
        }
        for (StatsService.DayCategory d : days) {
            if (titles.required(d.category())) {
                continue;
            }
            long[] counts = perCategory.computeIfAbsent(d.category(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(d.day(), k -> new long[2]);
            counts[0] += d.accepted();
            counts[1] += d.rejected();
        }
        List<CategoryOptIn> out = new ArrayList<>();
        perCategory.forEach((id, perDay) -> {
            long accepted = 0;
            long rejected = 0;
            List<Double> rates = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                long[] c = perDay.get(day);
                if (c == null || c[0] + c[1] == 0) {
                    rates.add(null);
                    continue;
                }
                accepted += c[0];
                rejected += c[1];
                rates.add((double) c[0] / (c[0] + c[1]));
            }
            out.add(new CategoryOptIn(id, titles.title(id), accepted, rejected,
                    percent(accepted, rejected, locale), Sparkline.of(rates, width, height)));
        });
        return out;
    }

    /** "62 %" in German, "62%" in English; "–" when nobody decided. */
    static String percent(long accepted, long rejected, Locale locale) {
        if (accepted + rejected == 0) {
            return "–";
        }
        return NumberFormat.getPercentInstance(locale).format((double) accepted / (accepted + rejected));
    }
}
