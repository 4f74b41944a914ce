package org.consentledger.site;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Answers CORS preflight requests of the visitor API for the site's allowed origins only. */
@Path("/api/v1/sites/{siteKey}")
public class PreflightResource {

    @Inject
    SiteService sites;

    @Inject
    InstallCheck installCheck;

    @OPTIONS
    @Path("{rest: .*}")
    @Operation(summary = "CORS preflight for the visitor API")
    public Response preflight(@PathParam("siteKey") String siteKey, @HeaderParam("Origin") String origin) {
        SiteService.SiteSnapshot site = sites.requireSnapshot(siteKey);
        installCheck.bannerFetched(site, origin);
        VisitorCors.requireAllowed(site, origin);
        return Response.noContent()
                .header("Access-Control-Allow-Methods", VisitorCors.ALLOWED_METHODS)
                .header("Access-Control-Allow-Headers", VisitorCors.ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", "600")
                .build();
    }
}
