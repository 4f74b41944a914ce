package org.consentledger.monitor;

import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.site.SiteService;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Visitor side of the cookie monitor: the site's monitor script (with its sampling rate) and the report endpoint
 * the script's {@code navigator.sendBeacon} posts to (text/plain JSON, so browsers send no CORS preflight). Same
 * CORS, body limit and per-IP rate limit as the consent endpoint.
 */
@Path("/api/v1/sites/{siteKey}")
public class CookieReportResource {

    static final String JAVASCRIPT = "text/javascript; charset=utf-8";

    @Inject
    MonitorService monitor;
    @Inject
    MonitorScript script;
    @Inject
    SiteService sites;

    @Context
    HttpServerRequest http;

    @POST
    @Path("cookie-reports")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Cookie monitor report of one page view: undeclared cookie names and third-party hosts, no values")
    public Response report(@PathParam("siteKey") String siteKey, @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("Origin") String origin, @HeaderParam("Sec-GPC") String gpc, byte[] body) {
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        monitor.report(siteKey, body, contentType, origin, gpc, address);
        return Response.accepted().build();
    }

    @GET
    @Path("monitor.js")
    @Produces(JAVASCRIPT)
    @Blocking
    @Operation(summary = "The site's cookie monitor script (loaded by the banner; sampling rate inside)")
    public Response script(@PathParam("siteKey") String siteKey) {
        SiteService.SiteSnapshot site = sites.requireSnapshot(siteKey);
        return Response.ok(script.forRate(monitor.sampleRate(site.id())), JAVASCRIPT)
                .header("Cache-Control", "public, max-age=300")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .build();
    }
}
