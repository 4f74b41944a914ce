package org.consentledger.operator;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Consent log of one site: query, export, statistics. Admins, and operators/auditors of the site. */
@Path("/api/v1/admin/sites/{siteKey}")
@DenyAll
public class ConsentLogResource {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";
    static final int MAX_STATS_DAYS = 400;
    /** Up to this many matching events are counted exactly; beyond, the answer is "more than". */
    public static final long COUNT_CAP = 10_000;

    @Inject
    SiteAccess access;

    @Inject
    ConsentLogService log;

    @Inject
    StatsService stats;

    @Inject
    AuditService audit;

    /** The page without prefix search, paging back or total (kept for callers of the first signature). */
    public Map<String, Object> query(String siteKey, String from, String to, String visitor, String category,
            String decision, String method, String action, String cursor, String limit) {
        return query(siteKey, from, to, visitor, category, decision, method, action, cursor, limit, null, null, null);
    }

    /**
     * One page of the consent log, newest first. {@code visitorPrefix}: events of every visitor whose id starts so
     * (at least {@value ConsentLogFilter#MIN_PREFIX} characters). {@code direction=prev} with a page's
     * {@code prevCursor} answers the page before it. {@code count=true} adds {@code total} and {@code totalExact}:
     * the number of matching events, exact up to {@value #COUNT_CAP}, else {@code total} is that cap and
     * {@code totalExact} false ("more than").
     */
    @GET
    @Path("consents")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> query(@PathParam("siteKey") String siteKey, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("visitor") String visitor, @QueryParam("category") String category,
            @QueryParam("decision") String decision, @QueryParam("method") String method,
            @QueryParam("action") String action, @QueryParam("cursor") String cursor, @QueryParam("limit") String limit,
            @QueryParam("visitorPrefix") String visitorPrefix, @QueryParam("direction") String direction,
            @QueryParam("count") String count) {
        SiteAccess.SiteRef site = access.requireRead(siteKey);
        ConsentLogFilter filter = filter(from, to, visitor, category, decision, method, action, visitorPrefix);
        int size = QueryParams.limit(limit);
        boolean previous;
        if (direction == null || direction.isBlank() || direction.equals("next")) {
            previous = false;
        } else if (direction.equals("prev")) {
            previous = true;
        } else {
            throw OperatorProblems.badRequest("direction must be next or prev");
        }
        boolean counted = QueryParams.flag("count", count);
        ConsentLogService.Page page = log.query(site.id(), filter, blankToNull(cursor), previous, size);
        if (filter.visitorId() != null || filter.visitorPrefix() != null) {
            // looking up one person is a personal-data access: keep a record of it (Art. 25)
            audit.record("consents.query-visitor", siteKey,
                    filter.visitorId() != null ? filter.visitorId() : filter.visitorPrefix() + "*", filter.describe());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor());
        body.put("prevCursor", page.prevCursor());
        if (counted) {
            ConsentLogService.Total total = log.count(site.id(), filter, COUNT_CAP);
            body.put("total", total.count());
            body.put("totalExact", total.exact());
        }
        return body;
    }

    /**
     * Streaming export of the matching events, oldest first: CSV ({@code format=csv} or {@code Accept: text/csv})
     * or NDJSON ({@code format=ndjson} or {@code Accept: application/x-ndjson}). Audit-logged.
     */
    @GET
    @Path("consents/export")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces({ CSV, NDJSON })
    public Response export(@PathParam("siteKey") String siteKey, @QueryParam("format") String format,
            @HeaderParam("Accept") String accept, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("visitor") String visitor, @QueryParam("category") String category,
            @QueryParam("decision") String decision, @QueryParam("method") String method,
            @QueryParam("action") String action, @QueryParam("visitorPrefix") String visitorPrefix) {
        SiteAccess.SiteRef site = access.requireRead(siteKey);
        ConsentLogFilter filter = filter(from, to, visitor, category, decision, method, action, visitorPrefix);
        ConsentLogService.Format f = format(format, accept);
        Map<String, Object> details = new LinkedHashMap<>(filter.describe());
        details.put("format", f.name().toLowerCase());
        audit.record("consents.export", siteKey, null, details);
        String file = siteKey + "-consents." + (f == ConsentLogService.Format.CSV ? "csv" : "ndjson");
        StreamingOutput body = out -> log.export(site.id(), filter, f, out);
        return Response.ok(body, f == ConsentLogService.Format.CSV ? CSV + "; charset=UTF-8" : NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Per day and category: accepted, rejected, partial, withdrawn, opt-in rate. Dates are UTC days, inclusive. */
    @GET
    @Path("stats")
    @RolesAllowed({ Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR })
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> stats(@PathParam("siteKey") String siteKey, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        SiteAccess.SiteRef site = access.requireRead(siteKey);
        LocalDate end = to == null ? LocalDate.now(ZoneOffset.UTC) : QueryParams.date("to", to);
        LocalDate start = from == null ? end.minusDays(29) : QueryParams.date("from", from);
        if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) >= MAX_STATS_DAYS) {
            throw OperatorProblems.badRequest("from must not be after to, and at most " + MAX_STATS_DAYS + " days");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("siteKey", siteKey);
        body.put("from", start.toString());
        body.put("to", end.toString());
        body.put("days", stats.stats(site.id(), start, end).stream().map(StatsService::view).toList());
        return body;
    }

    static ConsentLogFilter filter(String from, String to, String visitor, String category, String decision,
            String method, String action, String visitorPrefix) {
        return new ConsentLogFilter(QueryParams.instant("from", from), QueryParams.instant("to", to), blankToNull(visitor),
                blankToNull(category), blankToNull(decision), blankToNull(method), blankToNull(action),
                blankToNull(visitorPrefix));
    }

    private static ConsentLogService.Format format(String format, String accept) {
        if (format != null) {
            switch (format.toLowerCase()) {
                case "csv":
                    return ConsentLogService.Format.CSV;
                case "ndjson":
                    return ConsentLogService.Format.NDJSON;
                default:
                    throw OperatorProblems.badRequest("format must be csv or ndjson");
            }
        }
        return accept != null && accept.contains(NDJSON) ? ConsentLogService.Format.NDJSON : ConsentLogService.Format.CSV;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
