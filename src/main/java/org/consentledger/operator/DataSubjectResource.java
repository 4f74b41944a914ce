package org.consentledger.operator;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.consentledger.ledger.ErasureService;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Data-subject requests for one visitor of a site: access/portability export (Art. 15/20) and erasure (Art. 17).
 * Both answer the visitor's tracked requests ({@link DsrService}) in the same transaction as their audit record.
 */
@Path("/api/v1/admin/sites/{siteKey}/visitors/{visitorId}")
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class DataSubjectResource {

    static final Pattern VISITOR = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    @Inject
    SiteAccess access;

    @Inject
    ConsentLogService log;

    @Inject
    AuditService audit;

    @Inject
    ErasureService erasure;

    @Inject
    DsrService requests;

    /**
     * Everything stored about the visitor as one JSON document, decisions, refusals and withdrawals included. Called
     * by an admin or operator, it answers the visitor's open access requests (or records one answered now); an
     * auditor's export is only audited.
     */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Transactional
    public Map<String, Object> export(@PathParam("siteKey") String siteKey, @PathParam("visitorId") String visitorId) {
        SiteAccess.SiteRef site = access.requireRead(siteKey);
        requireVisitor(visitorId);
        List<Map<String, Object>> events = log.visitorEvents(site.id(), visitorId);
        List<Long> answered = access.mayWrite(siteKey)
                ? requests.answer(site.id(), visitorId, DataSubjectRequest.ACCESS, access.actor(), null)
                : List.of();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("events", events.size());
        details.put("requests", answered);
        audit.record("dsr.export", siteKey, visitorId, details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteKey", siteKey);
        body.put("visitorId", visitorId);
        body.put("exportedAt", Instant.now());
        body.put("exportedBy", access.actor());
        body.put("events", events);
        body.put("current", events.isEmpty() ? null : events.get(events.size() - 1));
        body.put("requests", answered);
        return body;
    }

    /**
     * Erases the visitor's personal data (Art. 17) through the ledger's erasure: visitor id, truncated IP, user agent
     * and salt are removed, the sealed commitments stay, so the ledger still verifies. Idempotent: a second call
     * erases nothing.
     */
    @DELETE
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Transactional
    public Map<String, Object> erase(@PathParam("siteKey") String siteKey, @PathParam("visitorId") String visitorId) {
        SiteAccess.SiteRef site = access.requireWrite(siteKey);
        requireVisitor(visitorId);
        ErasureService.ErasureResult result = erasure.eraseVisitor(siteKey, visitorId, access.actor());
        // answers the open erasure requests and removes the visitor id from every request of the visitor
        List<Long> answered = requests.answer(site.id(), visitorId, DataSubjectRequest.ERASURE, access.actor(),
                result.erasureId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("eventsErased", result.eventsErased());
        details.put("erasureId", result.erasureId());
        details.put("requests", answered);
        // the audit trail names the erased visitor id only by the erasure record, never by the id itself
        audit.record("dsr.erase", siteKey, result.erasureId() == null ? "(no events)" : "erasure " + result.erasureId(),
                details);
        Map<String, Object> body = new LinkedHashMap<>(details);
        body.put("consentIds", result.consentIds());
        return body;
    }

    public static void requireVisitor(String visitorId) {
        if (!VISITOR.matcher(visitorId).matches()) {
            throw OperatorProblems.badRequest("visitorId is not valid");
        }
    }
}
