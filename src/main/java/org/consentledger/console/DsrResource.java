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

import java.util.List;
import java.util.Map;

/** Data-subject requests: find a visitor's events, export them (Art. 15/20), erase them (Art. 17). */
@Path("/console/dsr")
public class DsrResource {

    public record Erased(int events, String erasureId) {
    }

    /** A tracked data-subject request with its one-month deadline (Art. 12(3) GDPR). */
    public record TrackedRequest(String kind, String visitorId, String receivedAt, String dueAt, String status,
            boolean overdue) {
    }

    public record Tracked(long open, long overdue, List<TrackedRequest> items) {
    }

    public record DsrPage(String siteKey, String siteName, String visitor, List<LogsResource.Row> events,
            String error, Erased erased, Tracked tracked) {
        public boolean searched() {
            return events != null;
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
    org.consentledger.operator.ConsentLogService log;
    @Inject
    org.consentledger.operator.AuditService audit;

    private static final int TRACKED_SHOWN = 50;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.TEXT_HTML)
    public Response page(@RestQuery String site, @RestQuery String visitor, @RestQuery String confirm) {
        SitesAdminResource.SiteView view = sitesApi.get(SitesResource.required(site));
        String v = visitor == null ? null : visitor.strip();
        if (v == null || v.isEmpty()) {
            return html(200, new DsrPage(site, view.name(), null, null, null, null, tracked(site)));
        }
        try {
            List<Map<String, Object>> events = lookup(site, v);
            return html(200, new DsrPage(site, view.name(), v, events.stream().map(LogsResource::row).toList(),
                    "missing".equals(confirm) ? "confirm" : null, null, tracked(site)));
        } catch (ProblemException e) {
            if (e.problem().status() != 400) {
                throw e;
            }
            return html(400, new DsrPage(site, view.name(), v, null, e.problem().detail(), null, tracked(site)));
        }
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

    @POST
    @Path("erase")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response erase(@RestForm String site, @RestForm String visitor, @RestForm String confirm) {
        access.requireWrite(SitesResource.required(site));
        SitesAdminResource.SiteView view = sitesApi.get(site);
        String v = visitor == null ? "" : visitor.strip();
        if (!"yes".equals(confirm)) {
            // changes nothing (not even the audit trail): back to the visitor's page, which asks for the confirmation
            DataSubjectResource.requireVisitor(v);
            return Response.seeOther(java.net.URI.create("/console/dsr?site=" + SitesResource.enc(site) + "&visitor="
                    + SitesResource.enc(v) + "&confirm=missing")).build();
        }
        Map<String, Object> result = dsrApi.erase(site, v);
        Object erasureId = result.get("erasureId");
        return html(200, new DsrPage(site, view.name(), null, null, null,
                new Erased(((Number) result.get("eventsErased")).intValue(), erasureId == null ? "" : erasureId.toString()),
                tracked(site)));
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
                        String.valueOf(r.get("status")), Boolean.TRUE.equals(r.get("overdue"))))
                .toList();
        return new Tracked(((Number) listing.get("open")).longValue(), ((Number) listing.get("overdue")).longValue(), items);
    }

    private static String time(Object instant) {
        return instant == null ? "" : instant.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }

    private Response html(int status, DsrPage page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.dsr(page).setLocale(session.locale())).build();
    }
}
