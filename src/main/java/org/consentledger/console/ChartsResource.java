package org.consentledger.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SiteAccess;
import org.consentledger.operator.SitesAdminResource;
import org.consentledger.operator.StatsService;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Daily accepted / rejected / partial / withdrawn per category as stacked bars (SVG rendered on the server). */
@Path("/console/charts")
public class ChartsResource {

    public record CategoryChart(String category, String title, StackedBars.Chart chart, long accepted, long rejected,
            long partial, long withdrawn) {
    }

    public record ChartsPage(String siteKey, String siteName, DateRange range, String fromText, String toText,
            List<CategoryChart> charts, java.util.Locale locale) {
        /** A day as the page language writes it, for the bars' tooltips. */
        public String dayText(LocalDate day) {
            return DateRange.format(day, locale);
        }

        public String seriesKey(String series) {
            return "series_" + series;
        }

        public String fromValue() {
            return range.from().toString();
        }

        public String toValue() {
            return range.to().toString();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance charts(ChartsPage page);
    }

    @Inject
    ConsoleSession session;
    @Inject
    SiteAccess access;
    @Inject
    SitesAdminResource sitesApi;
    @Inject
    StatsService stats;
    @Inject
    org.consentledger.config.ConfigService configs;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance charts(@RestQuery String site, @RestQuery("days") String daysParam, @RestQuery String from,
            @RestQuery String to) {
        Integer days = SitesResource.number("days", daysParam);
        SitesAdminResource.SiteView view = sitesApi.get(SitesResource.required(site));
        long siteId = access.requireRead(site).id();
        DateRange range = DateRange.of(from, to, days, LocalDate.now(ZoneOffset.UTC));
        LocalDate start = range.from();
        LocalDate end = range.to();
        java.util.Locale locale = session.locale();
        CategoryTitles titles = LogsResource.categories(configs, mapper, site, session.lang());
        Map<String, Map<LocalDate, StatsService.DayCategory>> byCategory = new LinkedHashMap<>();
        for (StatsService.DayCategory d : stats.stats(siteId, start, end)) {
            byCategory.computeIfAbsent(d.category(), k -> new LinkedHashMap<>()).put(d.day(), d);
        }
        List<CategoryChart> charts = new ArrayList<>();
        byCategory.forEach((category, perDay) -> {
            List<StackedBars.Day> series = new ArrayList<>();
            long[] sums = new long[4];
            for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
                StatsService.DayCategory d = perDay.get(day);
                StackedBars.Day bar = d == null ? new StackedBars.Day(day, 0, 0, 0, 0)
                        : new StackedBars.Day(day, d.accepted(), d.rejected(), d.partial(), d.withdrawn());
                sums[0] += bar.accepted();
                sums[1] += bar.rejected();
                sums[2] += bar.partial();
                sums[3] += bar.withdrawn();
                series.add(bar);
            }
            charts.add(new CategoryChart(category, titles.title(category),
                    StackedBars.layout(series, 640, 200, d -> DateRange.shortLabel(d, locale)), sums[0], sums[1], sums[2],
                    sums[3]));
        });
        return Templates.charts(new ChartsPage(site, view.name(), range, range.fromText(locale), range.toText(locale),
                charts, locale)).setLocale(locale);
    }
}
