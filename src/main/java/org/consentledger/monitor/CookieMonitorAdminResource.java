package org.consentledger.monitor;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.operator.CsvWriter;
import org.consentledger.operator.OperatorProblems;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SiteAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operator API of the cookie monitor: what visits observed (JSON or CSV), the sampling setting, ignoring a name. */
@Path("/api/v1/admin/sites/{siteKey}/cookie-monitor")
@DenyAll
public class CookieMonitorAdminResource {

    static final String CSV = "text/csv";

    /** Body of {@code PUT …/settings}. */
    public record Settings(Integer sampleRate) {
    }

    /** Body of {@code POST …/ignores}. */
    public record IgnoreRequest(String kind, String name, String reason) {
    }

    @Inject
    MonitorService monitor;
    @Inject
    SiteAccess access;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Operation(summary = "Undeclared cookies, third-party hosts and what was seen before consent (JSON, or CSV with format=csv / Accept: text/csv)")
    public Response get(@PathParam("siteKey") String siteKey, @QueryParam("days") String daysParam,
                        @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        SiteAccess.SiteRef site = access.requireRead(siteKey);
        Integer days = wholeNumber("days", daysParam);
        boolean csv;
        if (format != null) {
            if (!format.equals("csv") && !format.equals("json")) {
                throw OperatorProblems.badRequest("format must be csv or json");
            }
            csv = format.equals("csv");
        } else {
            csv = accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
        }
        MonitorService.View view = monitor.view(site.id(), siteKey, days == null ? 30 : days);
        if (csv) {
            return Response.ok(csv(view), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + siteKey + "-cookie-monitor.csv\"").build();
        }
        return Response.ok(json(view), MediaType.APPLICATION_JSON).build();
    }

    @PUT
    @Path("settings")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the sampling rate: 1 in sampleRate page views report, 0 = off (audited)")
    public Map<String, Object> settings(@PathParam("siteKey") String siteKey, Settings body) {
        SiteAccess.SiteRef site = access.requireWrite(siteKey);
        if (body == null) {
            throw OperatorProblems.badRequest("A JSON body {\"sampleRate\": n} is required");
        }
        monitor.setSampleRate(site.id(), siteKey, body.sampleRate(), access.actor());
        return Map.of("siteKey", siteKey, "sampleRate", monitor.sampleRate(site.id()));
    }

    @POST
    @Path("ignores")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ignore a cookie name or host with a reason (audited); it leaves the monitor's lists")
    public Response ignore(@PathParam("siteKey") String siteKey, IgnoreRequest body) {
        SiteAccess.SiteRef site = access.requireWrite(siteKey);
        if (body == null) {
            throw OperatorProblems.badRequest("A JSON body {\"kind\", \"name\", \"reason\"} is required");
        }
        monitor.ignore(site.id(), siteKey, body.kind(), body.name(), body.reason(), access.actor());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", body.kind());
        out.put("name", body.name().strip());
        out.put("reason", body.reason().strip());
        return Response.status(201).entity(out).build();
    }

    static Map<String, Object> json(MonitorService.View v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("siteKey", v.siteKey());
        out.put("sampleRate", v.sampleRate());
        out.put("days", v.days());
        out.put("configVersion", v.configVersion());
        out.put("undeclaredCookies", v.undeclaredCookies().stream().map(CookieMonitorAdminResource::item).toList());
        out.put("hosts", v.hosts().stream().map(CookieMonitorAdminResource::item).toList());
        out.put("beforeConsent", v.beforeConsent().stream().map(CookieMonitorAdminResource::item).toList());
        out.put("ignored", v.ignored());
        return out;
    }

    static Map<String, Object> item(MonitorService.Item i) {
        MonitorAggregation.Entry e = i.entry();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind());
        m.put("name", e.name());
        m.put("declared", e.declared());
        m.put("count", e.count());
        m.put("beforeDecisionCount", e.beforeCount());
        m.put("firstSeen", e.firstSeen());
        m.put("lastSeen", e.lastSeen());
        m.put("examplePaths", e.examplePaths());
        m.put("beforeDecisionPaths", e.beforePaths());
        m.put("configVersion", e.configVersion());
        if (i.suggestion() != null) {
            CookieCatalogue.Suggestion s = i.suggestion();
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("platform", s.platform());
            sm.put("category", s.category());
            sm.put("domain", s.domain());
            sm.put("retention", s.retention());
            sm.put("maxAge", s.maxAge());
            sm.put("controller", s.controller());
            sm.put("source", "Open Cookie Database");
            m.put("suggestion", sm);
        }
        return m;
    }

    static String csv(MonitorService.View v) {
        StringWriter out = new StringWriter();
        try {
            CsvWriter.writeRow(out, "list", "kind", "name", "declared", "count", "before_decision_count", "first_seen",
                    "last_seen", "example_paths", "before_decision_paths", "suggested_platform", "suggested_category",
                    "suggested_max_age", "suggested_controller");
            write(out, "undeclared", v.undeclaredCookies());
            write(out, "host", v.hosts());
            write(out, "before-consent", v.beforeConsent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(StringWriter out, String list, List<MonitorService.Item> items) throws IOException {
        for (MonitorService.Item i : items) {
            MonitorAggregation.Entry e = i.entry();
            CookieCatalogue.Suggestion s = i.suggestion();
            CsvWriter.writeRow(out, list, e.kind(), e.name(), e.declared(), e.count(), e.beforeCount(), e.firstSeen(),
                    e.lastSeen(), String.join(" ", e.examplePaths()), String.join(" ", e.beforePaths()),
                    s == null ? "" : s.platform(), s == null ? "" : s.category(), s == null ? "" : s.maxAge(),
                    s == null ? "" : s.controller());
        }
    }

    private static Integer wholeNumber(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw OperatorProblems.badRequest(name + " must be a whole number");
        }
    }
}
