package org.consentledger.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.operator.DataSubjectResource;
import org.consentledger.operator.Roles;
import org.consentledger.operator.SiteAccess;
import org.consentledger.operator.SitesAdminResource;
import org.consentledger.platform.ProblemException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Data-subject requests: find a visitor by what the person sent (visitor id, its beginning, consent id, receipt URL),
 * export their events (Art. 15/20), erase them (Art. 17) after an explicit confirmation, and enter a request that
 * arrived by e-mail, letter or phone with its channel and day of receipt.
 */
@Path("/console/dsr")
public class DsrResource {

    public record Erased(int events, String erasureId) {
    }

    /** A tracked data-subject request with its one-month deadline (Art. 12(3) GDPR). */
    public record TrackedRequest(String kind, String visitorId, String receivedAt, String dueAt, String status,
            boolean overdue, String channel) {
        public String statusKey() {
            return "dsr_status_" + status;
        }

        public String kindKey() {
            return "dsr_kind_" + kind;
        }

        public String channelKey() {
            return channel == null ? null : "dsr_channel_" + channel;
        }
    }

    public record Tracked(long open, long overdue, List<TrackedRequest> items) {
    }

    /** A visitor that matched a search, to pick from. */
    public record Candidate(String visitorId, long events, String lastSeen) {
    }

    /** The request form's values (kept after an error) and its problems as message keys. */
    public record RequestForm(String visitor, String kind, String channel, String received, List<String> problems) {
    }

    /**
     * {@code query}: what was typed; {@code visitor}: the visitor whose events are shown (null when none matched);
     * {@code foundBy}: message key saying how it was found, or null; {@code notFound}/{@code consentErased}: the
     * explicit answers when nothing matched.
     */
    public record DsrPage(String siteKey, String siteName, String query, String visitor, List<LogsResource.Row> events,
            String error, Erased erased, Tracked tracked, String foundBy, List<Candidate> candidates,
            boolean moreCandidates, boolean notFound, boolean consentErased, RequestForm form, String recordedDue,
            List<String> kinds, List<String> channels, String today) {
        public boolean searched() {
            return events != null;
        }

        public String kindKey(String kind) {
            return "dsr_kind_" + kind;
        }

        public String channelKey(String channel) {
            return "dsr_channel_" + channel;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dsr(DsrPage page);
    }

    @Inject
    ConsoleSession session;
    @Inject
    SiteAccess access;
    @Inject
    SitesAdminResource sitesApi;
    @Inject
    DataSubjectResource dsrApi;
    @Inject
    org.consentledger.operator.DsrResource requestsApi;
    @Inject
    org.consentledger.operator.VisitorSearchResource searchApi;
    @Inject
    org.consentledger.operator.ConsentLogService log;
    @Inject
    org.consentledger.operator.AuditService audit;
    @Inject
    org.consentledger.config.ConfigService configs;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    private static final int TRACKED_SHOWN = 50;

    /** What a page shows besides the search: tracked requests, the request form, a notice. */
    private record Context(String siteKey, String siteName, Tracked tracked, RequestForm form, String recordedDue) {
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public Response page(@RestQuery String site, @RestQuery String visitor, @RestQuery String due,
            @RestQuery String confirm) {
        SitesAdminResource.SiteView view = sitesApi.get(SitesResource.required(site));
        String q = visitor == null ? null : visitor.strip();
        Context ctx = new Context(site, view.name(), tracked(site), emptyForm(q), due == null ? null : dueText(due));
        if (q == null || q.isEmpty()) {
            return html(200, page(ctx, null, null, null, null, null, List.of(), false, false, false));
        }
        Map<String, Object> found;
        try {
            found = searchApi.search(site, q);
        } catch (ProblemException e) {
            if (e.problem().status() != 400) {
                throw e;
            }
            return html(400, page(ctx, q, null, null, "err_lookup_invalid", null, List.of(), false, false, false));
        }
        @SuppressWarnings("unchecked")
        List<org.consentledger.operator.ConsentLogService.VisitorMatch> visitors =
                (List<org.consentledger.operator.ConsentLogService.VisitorMatch>) found.get("visitors");
        String matchedBy = String.valueOf(found.get("matchedBy"));
        if (visitors.size() == 1) {
            String id = visitors.get(0).visitorId();
            String foundBy = switch (matchedBy) {
                case "consent" -> "dsr_found_by_consent";
                case "prefix" -> id.equals(q) ? null : "dsr_found_by_prefix";
                default -> null;
            };
            return html(200, page(ctx, q, id, events(site, id), "missing".equals(confirm) ? "confirm" : null, foundBy, List.of(), false, false, false));
        }
        if (visitors.size() > 1) {
            List<Candidate> candidates = visitors.stream().map(v -> new Candidate(v.visitorId(), v.events(),
                    time(v.lastSeen()))).toList();
            return html(200, page(ctx, q, null, null, null, null, candidates, Boolean.TRUE.equals(found.get("more")),
                    false, false));
        }
        boolean erased = Boolean.TRUE.equals(found.get("erased"));
        return html(200, page(ctx, q, null, null, null, null, List.of(), false, !erased, erased));
    }

    private DsrPage page(Context ctx, String query, String visitor, List<LogsResource.Row> events, String error,
            String foundBy, List<Candidate> candidates, boolean more, boolean notFound, boolean consentErased) {
        return new DsrPage(ctx.siteKey(), ctx.siteName(), query, visitor, events, error, null, ctx.tracked(), foundBy,
                candidates, more, notFound, consentErased, ctx.form(), ctx.recordedDue(),
                List.copyOf(new java.util.TreeSet<>(org.consentledger.operator.DataSubjectRequest.KINDS)),
                org.consentledger.operator.DataSubjectRequest.CHANNELS, LocalDate.now(ZoneOffset.UTC).toString());
    }

    private static RequestForm emptyForm(String visitor) {
        return new RequestForm(visitor == null ? "" : visitor, "", "", LocalDate.now(ZoneOffset.UTC).toString(), List.of());
    }

    /** The same JSON document as the API's data-subject export, as a download. */
    @GET
    @Path("export")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@RestQuery String site, @RestQuery String visitor) {
        Map<String, Object> export = dsrApi.export(SitesResource.required(site), visitor == null ? "" : visitor.strip());
        return Response.ok(export).header("Content-Disposition",
                "attachment; filename=\"" + site.replaceAll("[^A-Za-z0-9_-]", "_") + "-visitor-export.json\"").build();
    }

    /** Erases only with {@code confirm=yes}; without it nothing changes and the page asks for the confirmation. */
    @POST
    @Path("erase")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response erase(@RestForm String site, @RestForm String visitor, @RestForm String confirm) {
        access.requireWrite(SitesResource.required(site));
        SitesAdminResource.SiteView view = sitesApi.get(site);
        String v = visitor == null ? "" : visitor.strip();
        // nothing before the erasure itself may write (tracked() audits its look at visitor ids)
        if (!SitesResource.confirmed(confirm)) {
            // changes nothing (not even the audit trail): back to the visitor's page, which asks for the confirmation
            DataSubjectResource.requireVisitor(v);
            return SitesResource.confirmationMissing("/console/dsr?site=" + SitesResource.enc(site) + "&visitor="
                    + SitesResource.enc(v));
        }
        Map<String, Object> result = dsrApi.erase(site, v);
        Object erasureId = result.get("erasureId");
        DsrPage done = page(new Context(site, view.name(), tracked(site), emptyForm(null), null), null, null, null, null,
                null, List.of(), false, false, false);
        return html(200, new DsrPage(done.siteKey(), done.siteName(), null, null, null, null,
                new Erased(((Number) result.get("eventsErased")).intValue(), erasureId == null ? "" : erasureId.toString()),
                done.tracked(), null, List.of(), false, false, false, done.form(), null, done.kinds(), done.channels(),
                done.today()));
    }

    /** Records a request that arrived outside the console (e-mail, letter, phone) through the API's create. */
    @POST
    @Path("request")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response request(@RestForm String site, @RestForm String visitor, @RestForm String kind,
            @RestForm String channel, @RestForm String received) {
        access.requireWrite(SitesResource.required(site));
        SitesAdminResource.SiteView view = sitesApi.get(site);
        String v = visitor == null ? "" : visitor.strip();
        List<String> problems = new ArrayList<>();
        String receivedAt = null;
        if (received != null && !received.isBlank()) {
            FilterCheck check = new FilterCheck().dates(received, null);
            if (!check.ok()) {
                problems.add("err_dsr_received");
            } else if (check.from().isAfter(LocalDate.now(ZoneOffset.UTC))) {
                problems.add("err_dsr_future");
            } else {
                receivedAt = check.from().toString();
            }
        }
        if (problems.isEmpty()) {
            try {
                Response created = requestsApi.create(site, new org.consentledger.operator.DsrResource.NewRequest(
                        v, blank(kind), receivedAt, blank(channel)));
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) created.getEntity();
                LocalDate dueDay = ((java.time.Instant) body.get("dueAt")).atZone(ZoneOffset.UTC).toLocalDate();
                return SitesResource.seeOther("/console/dsr?site=" + SitesResource.enc(site) + "&due=" + dueDay);
            } catch (ProblemException e) {
                if (e.problem().status() >= 500) {
                    throw e;
                }
                if (e.problem().errors() != null) {
                    e.problem().errors().forEach(f -> problems.add(switch (f.field()) {
                        case "visitorId" -> "err_dsr_visitor";
                        case "kind" -> "err_dsr_kind";
                        case "channel" -> "err_dsr_channel";
                        default -> f.message().contains("future") ? "err_dsr_future" : "err_dsr_received";
                    }));
                } else {
                    problems.add("err_dsr_visitor");
                }
            }
        }
        RequestForm form = new RequestForm(v, nz(kind), nz(channel), nz(received), problems);
        return html(422, page(new Context(site, view.name(), tracked(site), form, null), null, null, null, null, null,
                List.of(), false, false, false));
    }

    private List<LogsResource.Row> events(String site, String visitor) {
        CategoryTitles titles = LogsResource.categories(configs, mapper, site, session.lang());
        return lookup(site, visitor).stream().map(item -> LogsResource.row(item, titles)).toList();
    }

    /**
     * A visitor's events for the page. Looking a visitor up is not answering their access request (the export
     * download is), so this reads the log directly; the look at personal data is audited all the same.
     */
    private List<Map<String, Object>> lookup(String site, String visitor) {
        SiteAccess.SiteRef ref = access.requireRead(site);
        DataSubjectResource.requireVisitor(visitor);
        List<Map<String, Object>> events = log.visitorEvents(ref.id(), visitor);
        audit.record("dsr.lookup", site, visitor, Map.of("events", events.size()));
        return events;
    }

    /** The site's tracked requests, newest first, through the API's list (which audits the look at visitor ids). */
    @SuppressWarnings("unchecked")
    private Tracked tracked(String site) {
        Map<String, Object> listing = requestsApi.list(site, null, "false", null, Integer.toString(TRACKED_SHOWN));
        List<TrackedRequest> items = ((List<Map<String, Object>>) listing.get("items")).stream()
                .map(r -> new TrackedRequest(String.valueOf(r.get("kind")), (String) r.get("visitorId"),
                        time(r.get("receivedAt")), time(r.get("dueAt")),
                        String.valueOf(r.get("status")), Boolean.TRUE.equals(r.get("overdue")), (String) r.get("channel")))
                .toList();
        return new Tracked(((Number) listing.get("open")).longValue(), ((Number) listing.get("overdue")).longValue(), items);
    }

    private String dueText(String due) {
        try {
            return DateRange.format(LocalDate.parse(due), session.locale());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String time(Object instant) {
        return instant == null ? "" : instant.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private Response html(int status, DsrPage page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.dsr(page).setLocale(session.locale())).build();
    }
}
