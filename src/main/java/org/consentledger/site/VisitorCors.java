package org.consentledger.site;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.consentledger.platform.Problem;
import org.consentledger.platform.ProblemException;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CORS for the visitor API: only a site's allowed origins may call {@code /api/v1/sites/{siteKey}/…}
 * from a browser. Resources call {@link #requireAllowed}; the response filter adds the headers
 * (also to error responses) from the cached site snapshot, without touching the database.
 */
public class VisitorCors {

    static final Pattern SITE_PATH = Pattern.compile("^/api/v1/sites/([^/]+)(/.*)?$");
    public static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    public static final String ALLOWED_HEADERS = "Content-Type, Idempotency-Key, If-None-Match";
    public static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, Idempotent-Replayed";

    @Inject
    SiteService sites;

    /** Rejects a browser request whose Origin is not allowed for the site; requests without Origin pass. */
    public static void requireAllowed(SiteService.SiteSnapshot site, String origin) {
        if (origin != null && !OriginPolicy.allows(site.allowedOrigins(), origin)) {
            throw new ProblemException(Problem.of(403, "origin-not-allowed", "Origin not allowed",
                    "Origin " + origin + " is not an allowed origin of site " + site.siteKey()));
        }
    }

    @ServerResponseFilter
    public void addCorsHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return;
        }
        Matcher m = SITE_PATH.matcher(request.getUriInfo().getPath());
        if (!m.matches()) {
            return;
        }
        Optional<SiteService.SiteSnapshot> site = sites.cachedSnapshot(m.group(1));
        if (site.isPresent() && OriginPolicy.allows(site.get().allowedOrigins(), origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            response.getHeaders().add("Vary", "Origin");
        }
    }
}
