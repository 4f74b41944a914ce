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

    public record CategoryChart(String category, StackedBars.Chart chart, long accepted, long rejected, long partial,
            long withdrawn) {
    }

    public record ChartsPage(String siteKey, String siteName, int days, List<CategoryChart> charts) {
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

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance charts(@RestQuery String site, @RestQuery("days") String daysParam) {
        Integer days = SitesResource.number("days", daysParam);
        SitesAdminResource.SiteView view = sitesApi.get(SitesResource.required(site));
        long siteId = access.requireRead(site).id();
        int span = days == null ? 30 : Math.max(7, Math.min(days, 400));
        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = to.minusDays(span - 1);
        Map<String, Map<LocalDate, StatsService.DayCategory>> byCategory = new LinkedHashMap<>();
        for (StatsService.DayCategory d : stats.stats(siteId, from, to)) {
            byCategory.computeIfAbsent(d.category(), k -> new LinkedHashMap<>()).put(d.day(), d);
        }
        List<CategoryChart> charts = new ArrayList<>();
        byCategory.forEach((category, perDay) -> {
            List<StackedBars.Day> series = new ArrayList<>();
            long[] sums = new long[4];
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                StatsService.DayCategory d = perDay.get(day);
                StackedBars.Day bar = d == null ? new StackedBars.Day(day, 0, 0, 0, 0)
                        : new StackedBars.Day(day, d.accepted(), d.rejected(), d.partial(), d.withdrawn());
                sums[0] += bar.accepted();
                sums[1] += bar.rejected();
                sums[2] += bar.partial();
                sums[3] += bar.withdrawn();
                series.add(bar);
            }
            charts.add(new CategoryChart(category, StackedBars.layout(series, 640, 200), sums[0], sums[1], sums[2], sums[3]));
        });
        return Templates.charts(new ChartsPage(site, view.name(), span, charts)).setLocale(session.locale());
    }
}
