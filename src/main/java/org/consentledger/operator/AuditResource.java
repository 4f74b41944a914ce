package org.consentledger.operator;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit trail of operator actions, newest first, keyset-paginated. Admins only. */
@Path("/api/v1/admin/audit")
@DenyAll
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditService audit;

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> query(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("site") String siteKey, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        int size = QueryParams.limit(limit);
        Long before = cursor == null ? null : QueryParams.parseLongCursor(cursor);
        List<AuditEntry> entries = audit.query(actor, action, siteKey, QueryParams.instant("from", from),
                QueryParams.instant("to", to), before, size);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", entries.stream().map(AuditResource::view).toList());
        page.put("nextCursor", entries.size() == size ? Long.toString(entries.get(entries.size() - 1).getId()) : null);
        return page;
    }

    private static Map<String, Object> view(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.getId());
        m.put("occurredAt", e.getOccurredAt());
        m.put("actor", e.getActor());
        m.put("action", e.getAction());
        m.put("siteKey", e.getSiteKey());
        m.put("target", e.getTarget());
        m.put("details", e.getDetails());
        m.put("ip", e.getIpTruncated());
        return m;
    }
}
