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
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consentledger.config.ConfigService;
import org.consentledger.config.ConfigVersion;
import org.consentledger.operator.ConsentLogResource;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SitesAdminResource;
import org.consentledger.platform.ProblemException;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consent-log browser: filters as choices from the site's configs (category titles, actions, methods), visitor-id
 * prefix search, previous/next keyset pages with the number of matches, CSV/NDJSON export (the operator API's query
 * and export). A filter that cannot match is explained in the page language instead of listing nothing.
 */
@Path("/console/logs")
public class LogsResource {

    /** One event as listed. */
    public record Row(String consentId, String recordedAt, String visitorId, String action, String method,
            String decisions, int configVersion, String language) {
        /** Message key of the action's label, or null for a value the console does not know. */
        public String actionKey() {
            return ACTIONS.contains(action) ? "action_" + action : null;
        }

        public String methodKey() {
            return METHODS.contains(method) ? "method_" + method.replace('-', '_') : null;
        }
    }

    static final List<String> ACTIONS = List.of("given", "refused", "partial", "withdrawn");
    static final List<String> METHODS = List.of("accept-all", "reject-all", "save-settings", "withdraw", "gpc", "api");

    /** A choice of a select: value and label (already in the page language) or message key. */
    public record Choice(String value, String label, String key) {
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

        public boolean any() {
            return !query().isEmpty();
        }
    }

    public record LogsPage(String siteKey, String siteName, Filter filter, List<Row> rows, String nextUrl,
            String prevUrl, String firstUrl, String csvUrl, String ndjsonUrl, String error, List<String> problems,
            List<Choice> categories, Long total, boolean totalExact) {
        public List<Choice> actions() {
            return ACTIONS.stream().map(a -> new Choice(a, null, "action_" + a)).toList();
        }

        public List<Choice> methods() {
            return METHODS.stream().map(m -> new Choice(m, null, "method_" + m.replace('-', '_'))).toList();
        }

        public boolean checked() {
            return problems.isEmpty() && error == null;
        }

        public String resetUrl() {
            return "/console/logs?site=" + SitesResource.enc(siteKey);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance logs(LogsPage page);
    }

    static final int PAGE_SIZE = 50;
    /** Length of a banner visitor id (a UUID): shorter input is searched as the beginning of an id. */
    static final int FULL_VISITOR_ID = 36;

    @Inject
    ConsoleSession session;
    @Inject
    ConsentLogResource logApi;
    @Inject
    SitesAdminResource sitesApi;
    @Inject
    ConfigService configs;
    @Inject
    ObjectMapper mapper;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance logs(@RestQuery String site, @RestQuery String from, @RestQuery String to,
            @RestQuery String visitor, @RestQuery String category, @RestQuery String decision,
            @RestQuery String method, @RestQuery String action, @RestQuery String cursor, @RestQuery String dir) {
        SitesAdminResource.SiteView view = sitesApi.get(SitesResource.required(site));
        CategoryTitles titles = categories(configs, mapper, site, session.lang());
        Filter filter = new Filter(trim(from), trim(to), trim(visitor), trim(category), trim(decision), trim(method),
                trim(action));
        String base = "/console/logs?site=" + SitesResource.enc(site) + filter.query();
        String exportBase = "/console/logs/export?site=" + SitesResource.enc(site) + filter.query();
        FilterCheck check = new FilterCheck().dates(filter.from(), filter.to()).visitor(filter.visitor())
                .category(filter.category(), filter.decision(), titles)
                .oneOf(filter.decision(), List.of("granted", "denied"), "err_unknown_decision")
                .oneOf(filter.action(), ACTIONS, "err_unknown_action").oneOf(filter.method(), METHODS, "err_unknown_method");
        List<Choice> categoryChoices = titles.all().stream().map(c -> new Choice(c.id(), c.label(), null)).toList();
        List<Row> rows = new ArrayList<>();
        String next = null;
        String prev = null;
        String error = null;
        Long total = null;
        boolean exact = true;
        if (check.ok()) {
            String v = filter.visitor();
            boolean whole = v != null && v.length() >= FULL_VISITOR_ID;
            try {
                Map<String, Object> page = logApi.query(site, iso(check.from()), iso(check.to() == null ? null
                        : check.to().plusDays(1)), whole ? v : null, filter.category(), filter.decision(),
                        filter.method(), filter.action(), blank(cursor), Integer.toString(PAGE_SIZE),
                        whole ? null : v, "prev".equals(dir) ? "prev" : null, "true");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
                for (Map<String, Object> item : items) {
                    rows.add(row(item, titles));
                }
                Object nextCursor = page.get("nextCursor");
                Object prevCursor = page.get("prevCursor");
                next = nextCursor == null ? null : base + "&cursor=" + SitesResource.enc(nextCursor.toString());
                prev = prevCursor == null ? null
                        : base + "&cursor=" + SitesResource.enc(prevCursor.toString()) + "&dir=prev";
                total = page.get("total") instanceof Number n ? n.longValue() : null;
                exact = !Boolean.FALSE.equals(page.get("totalExact"));
            } catch (ProblemException e) {
                if (e.problem().status() != 400) {
                    throw e;
                }
                error = e.problem().detail() != null && e.problem().detail().contains("cursor") ? "err_bad_cursor"
                        : "err_filter";
            }
        }
        return Templates.logs(new LogsPage(site, view.name(), filter, rows, next, prev, cursor == null ? null : base,
                exportBase + "&format=csv", exportBase + "&format=ndjson", error, check.errors(), categoryChoices,
                total, exact)).setLocale(session.locale());
    }

    /** Streams the export of the operator API (audit-logged there) as a download, with the page's filters. */
    @GET
    @Path("export")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public Response export(@RestQuery String site, @RestQuery String format, @RestQuery String from,
            @RestQuery String to, @RestQuery String visitor, @RestQuery String category, @RestQuery String decision,
            @RestQuery String method, @RestQuery String action) {
        FilterCheck check = new FilterCheck().dates(trim(from), trim(to)).visitor(trim(visitor));
        if (!check.ok()) {
            throw ProblemException.badRequest("Invalid filter: " + check.errors());
        }
        String v = trim(visitor);
        boolean whole = v != null && v.length() >= FULL_VISITOR_ID;
        return logApi.export(SitesResource.required(site), format == null ? "csv" : format, null, iso(check.from()),
                iso(check.to() == null ? null : check.to().plusDays(1)), whole ? v : null, blank(category),
                blank(decision), blank(method), blank(action), whole ? null : v);
    }

    /** The categories every published version of the site names, titled in {@code lang}. */
    static CategoryTitles categories(ConfigService configs, ObjectMapper mapper, String siteKey, String lang) {
        List<JsonNode> contents = new ArrayList<>();
        for (ConfigVersion v : configs.list(siteKey)) {
            try {
                contents.add(mapper.readTree(v.content()));
            } catch (java.io.IOException e) {
                // a stored version is valid JSON; skip one that is not rather than fail the page
            }
        }
        return CategoryTitles.of(contents, lang);
    }

    static Row row(Map<String, Object> item) {
        return row(item, CategoryTitles.of(List.of(), "en"));
    }

    static Row row(Map<String, Object> item, CategoryTitles titles) {
        Object decisions = item.get("decisions");
        String d = decisions instanceof JsonNode node ? decisionsText(node, titles) : String.valueOf(decisions);
        return new Row(str(item.get("consentId")), str(item.get("recordedAt")).replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                str(item.get("visitorId")), str(item.get("action")), str(item.get("method")), d,
                item.get("configVersion") instanceof Number n ? n.intValue() : 0, str(item.get("language")));
    }

    static String decisionsText(JsonNode node, CategoryTitles titles) {
        List<String> parts = new ArrayList<>();
        node.fields().forEachRemaining(e -> parts.add(titles.title(e.getKey()) + (e.getValue().asBoolean() ? " ✓" : " ✗")));
        return String.join(", ", parts);
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String iso(LocalDate day) {
        return day == null ? null : day.toString();
    }
}
