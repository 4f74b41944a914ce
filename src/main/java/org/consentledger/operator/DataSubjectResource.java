package org.consentledger.operator;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Data-subject requests for one visitor of a site: access/portability export (Art. 15/20) and erasure (Art. 17). */
@Path("/api/v1/admin/sites/{siteKey}/visitors/{visitorId}")
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class DataSubjectResource {

    private static final Pattern VISITOR = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    @Inject
    SiteAccess access;

    @Inject
    ConsentLogService log;

    @Inject
    AuditService audit;

    /** Everything stored about the visitor as one JSON document, decisions, refusals and withdrawals included. */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public Map<String, Object> export(@PathParam("siteKey") String siteKey, @PathParam("visitorId") String visitorId) {
        SiteAccess.SiteRef site = access.requireRead(siteKey);
        requireVisitor(visitorId);
        List<Map<String, Object>> events = log.visitorEvents(site.id(), visitorId);
        audit.record("dsr.export", siteKey, visitorId, Map.of("events", events.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteKey", siteKey);
        body.put("visitorId", visitorId);
        body.put("exportedAt", Instant.now());
        body.put("exportedBy", access.actor());
        body.put("events", events);
        body.put("current", events.isEmpty() ? null : events.get(events.size() - 1));
        return body;
    }

    static void requireVisitor(String visitorId) {
        if (!VISITOR.matcher(visitorId).matches()) {
            throw OperatorProblems.badRequest("visitorId is not valid");
        }
    }
}
