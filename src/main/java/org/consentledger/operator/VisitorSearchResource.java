package org.consentledger.operator;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the visitor a data-subject request is about, by what the person sent: their visitor id, its beginning, a
 * consent id or a receipt URL. Answers the matching visitor ids (at most {@value #MAX_MATCHES}) with their number of
 * events; looking people up is audited ({@code dsr.search}).
 */
@Path("/api/v1/admin/sites/{siteKey}/visitors")
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class VisitorSearchResource {

    static final int MAX_MATCHES = 20;

    @Inject
    SiteAccess access;

    @Inject
    ConsentLogService log;

    @Inject
    AuditService audit;

    /**
     * {@code matchedBy}: {@code visitor} (the whole visitor id), {@code consent} (the visitor of that consent id or
     * receipt), {@code prefix}, or {@code none}; {@code visitors}: [{visitorId, events, lastSeen}]; {@code more}: more
     * visitors share the prefix than are listed. {@code erased}: the consent exists but its visitor id was erased.
     */
    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    public Map<String, Object> search(@PathParam("siteKey") String siteKey, @QueryParam("q") String q) {
        SiteAccess.SiteRef site = access.requireRead(siteKey);
        VisitorQuery query = VisitorQuery.parse(q);
        if (query.kind() == VisitorQuery.Kind.INVALID) {
            throw OperatorProblems.badRequest("q must be a visitor id, at least its first " + VisitorQuery.MIN_PREFIX
                    + " characters, a consent id or a receipt URL");
        }
        String matchedBy = "none";
        boolean erased = false;
        List<ConsentLogService.VisitorMatch> visitors = List.of();
        boolean more = false;
        if (query.kind() == VisitorQuery.Kind.WHOLE) {
            visitors = log.visitorsByPrefix(site.id(), query.value(), 2, true);
            if (!visitors.isEmpty()) {
                matchedBy = "visitor";
            }
        }
        if (visitors.isEmpty() && query.kind() != VisitorQuery.Kind.PREFIX) {
            Optional<Optional<String>> owner = log.visitorOfConsent(site.id(), query.value());
            if (owner.isPresent()) {
                matchedBy = "consent";
                if (owner.get().isPresent()) {
                    visitors = log.visitorsByPrefix(site.id(), owner.get().get(), 2, true);
                } else {
                    erased = true;
                }
            }
        }
        if (query.kind() == VisitorQuery.Kind.PREFIX) {
            List<ConsentLogService.VisitorMatch> found = log.visitorsByPrefix(site.id(), query.value(), MAX_MATCHES + 1, false);
            more = found.size() > MAX_MATCHES;
            visitors = more ? found.subList(0, MAX_MATCHES) : found;
            matchedBy = visitors.isEmpty() ? "none" : "prefix";
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("matchedBy", matchedBy);
        details.put("visitors", visitors.size());
        audit.record("dsr.search", siteKey, query.value(), details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query.value());
        body.put("matchedBy", matchedBy);
        body.put("visitors", visitors);
        body.put("more", more);
        body.put("erased", erased);
        return body;
    }
}
