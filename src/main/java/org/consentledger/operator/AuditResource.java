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

    /** Up to this many matching entries are counted exactly; beyond, the answer is "more than". */
    public static final long COUNT_CAP = 10_000;

    /** The first page's signature, for callers without the newer parameters. */
    public Map<String, Object> query(String actor, String action, String siteKey, String from, String to,
            String cursor, String limit) {
        return query(actor, action, siteKey, from, to, cursor, limit, null, null, null);
    }

    /**
     * Newest first. {@code actionPrefix} matches every action starting so ({@code account.}); {@code from}/{@code to}
     * bound the time ({@code to} exclusive; a date is its start, UTC); {@code direction=prev} with a page's
     * {@code prevCursor} answers the page before; {@code count=true} adds {@code total} and {@code totalExact}
     * (exact up to {@value #COUNT_CAP}).
     */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> query(@QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("site") String siteKey, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @QueryParam("actionPrefix") String actionPrefix, @QueryParam("direction") String direction,
            @QueryParam("count") String count) {
        int size = QueryParams.limit(limit);
        boolean previous = "prev".equals(direction);
        if (direction != null && !direction.isBlank() && !previous && !"next".equals(direction)) {
            throw OperatorProblems.badRequest("direction must be next or prev");
        }
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw OperatorProblems.badRequest("to must be after from");
        }
        if (actionPrefix != null && (actionPrefix.isBlank() || actionPrefix.length() > 64)) {
            throw OperatorProblems.badRequest("actionPrefix must have 1 to 64 characters");
        }
        Long at = blank(cursor) == null ? null : QueryParams.parseLongCursor(cursor);
        if (previous && at == null) {
            throw OperatorProblems.badRequest("direction=prev needs a cursor");
        }
        AuditService.Filter filter = new AuditService.Filter(blank(actor), blank(action), blank(actionPrefix),
                blank(siteKey), start, end);
        List<AuditEntry> entries = audit.query(filter, previous ? null : at, previous ? at : null, size + 1);
        boolean more = entries.size() > size;
        if (more) {
            entries = previous ? entries.subList(1, entries.size()) : entries.subList(0, size);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", entries.stream().map(AuditResource::view).toList());
        String first = entries.isEmpty() ? null : Long.toString(entries.get(0).getId());
        String last = entries.isEmpty() ? null : Long.toString(entries.get(entries.size() - 1).getId());
        page.put("nextCursor", previous ? last : (more ? last : null));
        String prev;
        if (previous) {
            prev = more ? first : null;
        } else if (at != null) {
            long top = entries.isEmpty() ? at - 1 : entries.get(0).getId();
            prev = audit.anyNewer(filter, top) ? Long.toString(top) : null;
        } else {
            prev = null;
        }
        page.put("prevCursor", prev);
        if (QueryParams.flag("count", count)) {
            long n = audit.countCapped(filter, COUNT_CAP);
            page.put("total", Math.min(n, COUNT_CAP));
            page.put("totalExact", n <= COUNT_CAP);
        }
        return page;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
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
