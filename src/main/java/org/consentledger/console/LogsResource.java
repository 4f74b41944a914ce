package org.consentledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.operator.ConsentLogResource;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SitesAdminResource;
import org.consentledger.platform.ProblemException;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Consent-log browser: filters, keyset pagination, CSV/NDJSON export (the operator API's query and export). */
@Path("/console/logs")
public class LogsResource {

    /** One event as listed. */
    public record Row(String consentId, String recordedAt, String visitorId, String action, String method,
            String decisions, int configVersion, String language) {
    }

    /** The filter form's values. */
    public record Filter(String from, String to, String visitor, String category, String decision, String method,
            String action) {
        String query() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("from", from);
            m.put("to", to);
            m.put("visitor", visitor);
            m.put("category", category);
            m.put("decision", decision);
            m.put("method", method);
            m.put("action", action);
            StringBuilder q = new StringBuilder();
            m.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    q.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            });
            return q.toString();
        }
    }

    public record LogsPage(String siteKey, String siteName, Filter filter, List<Row> rows, String nextUrl,
            String firstUrl, String csvUrl, String ndjsonUrl, String error) {
        public List<String> actions() {
            return List.of("given", "refused", "partial", "withdrawn");
        }

        public List<String> methods() {
            return List.of("accept-all", "reject-all", "save-settings", "withdraw", "gpc", "api");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance logs(LogsPage page);
    }

    static final int PAGE_SIZE = 50;

    @Inject
    ConsoleSession session;
    @Inject
    ConsentLogResource logApi;
    @Inject
    SitesAdminResource sitesApi;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance logs(@RestQuery String site, @RestQuery String from, @RestQuery String to,
            @RestQuery String visitor, @RestQuery String category, @RestQuery String decision,
            @RestQuery String method, @RestQuery String action, @RestQuery String cursor) {
        SitesAdminResource.SiteView view = sitesApi.get(SitesResource.required(site));
        Filter filter = new Filter(from, to, visitor, category, decision, method, action);
        String base = "/console/logs?site=" + SitesResource.enc(site) + filter.query();
        String exportBase = "/console/logs/export?site=" + SitesResource.enc(site) + filter.query();
        List<Row> rows = new ArrayList<>();
        String next = null;
        String error = null;
        try {
            Map<String, Object> page = logApi.query(site, blank(from), blank(to), blank(visitor), blank(category),
                    blank(decision), blank(method), blank(action), blank(cursor), Integer.toString(PAGE_SIZE));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            for (Map<String, Object> item : items) {
                rows.add(row(item));
            }
            Object nextCursor = page.get("nextCursor");
            next = nextCursor == null ? null : base + "&cursor=" + SitesResource.enc(nextCursor.toString());
        } catch (ProblemException e) {
            if (e.problem().status() != 400) {
                throw e;
            }
            error = e.problem().detail();
        }
        return Templates.logs(new LogsPage(site, view.name(), filter, rows, next, cursor == null ? null : base,
                exportBase + "&format=csv", exportBase + "&format=ndjson", error)).setLocale(session.locale());
    }

    /** Streams the export of the operator API (audit-logged there) as a download. */
    @GET
    @Path("export")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public Response export(@RestQuery String site, @RestQuery String format, @RestQuery String from,
            @RestQuery String to, @RestQuery String visitor, @RestQuery String category, @RestQuery String decision,
            @RestQuery String method, @RestQuery String action) {
        return logApi.export(SitesResource.required(site), format == null ? "csv" : format, null, blank(from), blank(to),
                blank(visitor), blank(category), blank(decision), blank(method), blank(action));
    }

    static Row row(Map<String, Object> item) {
        Object decisions = item.get("decisions");
        String d = decisions instanceof JsonNode node ? decisionsText(node) : String.valueOf(decisions);
        return new Row(str(item.get("consentId")), str(item.get("recordedAt")).replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                str(item.get("visitorId")), str(item.get("action")), str(item.get("method")), d,
                item.get("configVersion") instanceof Number n ? n.intValue() : 0, str(item.get("language")));
    }

    static String decisionsText(JsonNode node) {
        List<String> parts = new ArrayList<>();
        node.fields().forEachRemaining(e -> parts.add(e.getKey() + (e.getValue().asBoolean() ? " ✓" : " ✗")));
        return String.join(", ", parts);
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
