package org.consentledger.operator;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Data-subject requests of a site and their one-month deadline (Art. 12(3)): record one received by mail or phone,
 * list them with overdue ones flagged, reject one. The DSR export and erasure endpoints answer open requests.
 */
@Path("/api/v1/admin/sites/{siteKey}/dsr")
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class DsrResource {

    /**
     * Create body; {@code receivedAt} (ISO instant or date) defaults to now, e.g. for a letter received earlier;
     * {@code channel}: how it arrived ({@code email}, {@code letter}, {@code form}, {@code phone}, {@code other}).
     */
    public record NewRequest(String visitorId, String kind, String receivedAt, String channel) {
        public NewRequest(String visitorId, String kind, String receivedAt) {
            this(visitorId, kind, receivedAt, null);
        }
    }

    /** How far in the future a received time may be (clock skew of the caller). */
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    @Inject
    SiteAccess access;

    @Inject
    DsrService requests;

    @Inject
    AuditService audit;

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public Map<String, Object> list(@PathParam("siteKey") String siteKey, @QueryParam("status") String status,
            @QueryParam("overdue") String overdueParam, @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        SiteAccess.SiteRef site = access.requireRead(siteKey);
        boolean overdue = QueryParams.flag("overdue", overdueParam);
        if (status != null && !DataSubjectRequest.STATUSES.contains(status)) {
            throw OperatorProblems.badRequest("status must be open, completed or rejected");
        }
        int size = QueryParams.limit(limit);
        Long before = cursor == null ? null : QueryParams.parseLongCursor(cursor);
        DsrService.Listing listing = requests.list(site.id(), status, overdue, before, size);
        Map<String, Object> filters = new LinkedHashMap<>();
        if (status != null) {
            filters.put("status", status);
        }
        if (overdue) {
            filters.put("overdue", true);
        }
        // the list shows visitor ids: reading it is recorded like a visitor query
        audit.record("dsr.list", siteKey, null, filters);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("open", listing.open());
        body.put("overdue", listing.overdue());
        body.put("items", listing.items().stream().map(requests::view).toList());
        body.put("nextCursor", listing.items().size() == size
                ? Long.toString(listing.items().get(listing.items().size() - 1).getId()) : null);
        return body;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(@PathParam("siteKey") String siteKey, NewRequest body) {
        SiteAccess.SiteRef site = access.requireWrite(siteKey);
        if (body == null) {
            throw OperatorProblems.badRequest("A JSON body is required");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (body.visitorId() == null || !DataSubjectResource.VISITOR.matcher(body.visitorId()).matches()) {
            errors.put("visitorId", "the visitor id from the banner (letters, digits, _ . -; at most 64)");
        }
        if (body.kind() == null || !DataSubjectRequest.KINDS.contains(body.kind())) {
            errors.put("kind", "access or erasure");
        }
        if (body.channel() != null && !DataSubjectRequest.CHANNELS.contains(body.channel())) {
            errors.put("channel", "one of " + String.join(", ", DataSubjectRequest.CHANNELS));
        }
        Instant received = null;
        if (body.receivedAt() != null) {
            try {
                received = QueryParams.instant("receivedAt", body.receivedAt());
            } catch (RuntimeException e) {
                errors.put("receivedAt", "an ISO-8601 instant or date between 1970-01-02 and now");
            }
            if (received != null && received.isAfter(Instant.now().plus(FUTURE_SKEW))) {
                errors.put("receivedAt", "must not be in the future");
            }
        }
        if (!errors.isEmpty()) {
            throw OperatorProblems.invalid(errors);
        }
        DataSubjectRequest r = requests.create(site.id(), body.visitorId(), body.kind(), received, access.actor(),
                body.channel());
        // the audit trail names the request, not the visitor (an erasure request must not leave the id behind)
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", r.getKind());
        if (body.channel() != null) {
            details.put("channel", body.channel());
        }
        audit.record("dsr.request", siteKey, "request " + r.getId(), details);
        return Response.created(UriBuilder.fromResource(DsrResource.class).path(Long.toString(r.getId()))
                .build(siteKey)).entity(requests.view(r)).build();
    }

    @GET
    @Path("{requestId}")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public Map<String, Object> get(@PathParam("siteKey") String siteKey, @PathParam("requestId") String requestId) {
        SiteAccess.SiteRef site = access.requireRead(siteKey);
        DataSubjectRequest r = find(site, requestId);
        audit.record("dsr.view", siteKey, "request " + r.getId(), null);
        return requests.view(r);
    }

    /** Closes an open request without carrying it out (identity not verified, manifestly unfounded: Art. 12(5)). */
    @POST
    @Path("{requestId}/reject")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR })
    @Transactional
    public Map<String, Object> reject(@PathParam("siteKey") String siteKey, @PathParam("requestId") String requestId) {
        SiteAccess.SiteRef site = access.requireWrite(siteKey);
        DataSubjectRequest r = find(site, requestId);
        if (!requests.reject(r, access.actor())) {
            throw OperatorProblems.conflict("Request " + r.getId() + " is already " + r.getStatus());
        }
        audit.record("dsr.reject", siteKey, "request " + r.getId(), Map.of("kind", r.getKind()));
        return requests.view(r);
    }

    private DataSubjectRequest find(SiteAccess.SiteRef site, String requestId) {
        long id;
        try {
            id = Long.parseLong(requestId);
        } catch (NumberFormatException e) {
            throw OperatorProblems.notFound("No request " + requestId);
        }
        return requests.find(site.id(), id).orElseThrow(() -> OperatorProblems.notFound("No request " + requestId));
    }
}
