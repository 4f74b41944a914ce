package org.consentledger.config;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.consentledger.platform.ProblemException;
import org.consentledger.site.InstallCheck;
import org.consentledger.site.SiteService;
import org.consentledger.site.VisitorCors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The published banner configuration of a site, resolved to one language, with ETag/304. Requests whose site
 * and latest version are cached are answered by {@link BannerRoute} before they reach this resource; it
 * answers the rest: cache refreshes (on a worker thread, from the database), refused origins, unknown sites.
 */
@Path("/api/v1/sites/{siteKey}/banner")
public class BannerResource {

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Inject
    BannerCache banners;

    @Inject
    InstallCheck installCheck;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Published banner configuration for the site in one language")
    public Uni<Response> banner(@PathParam("siteKey") String siteKey, @QueryParam("lang") String lang,
                                @HeaderParam("Accept-Language") String acceptLanguage,
                                @HeaderParam("If-None-Match") String ifNoneMatch,
                                @HeaderParam("Origin") String origin) {
        if (sites.isCached(siteKey)) {
            try {
                SiteService.SiteSnapshot site = sites.requireSnapshot(siteKey);
                if (configs.isLatestCached(site.id())) {
                    return Uni.createFrom().item(respond(site, lang, acceptLanguage, ifNoneMatch, origin));
                }
            } catch (ProblemException e) {
                return Uni.createFrom().failure(e);
            }
        }
        return Uni.createFrom()
                .item(() -> respond(sites.requireSnapshot(siteKey), lang, acceptLanguage, ifNoneMatch, origin))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response respond(SiteService.SiteSnapshot site, String lang, String acceptLanguage,
                             String ifNoneMatch, String origin) {
        installCheck.bannerFetched(site, origin);
        VisitorCors.requireAllowed(site, origin);
        PublishedConfig config = configs.latestPublished(site.id())
                .orElseThrow(() -> ProblemException.notFound("Site " + site.siteKey() + " has no published banner configuration"));
        BannerCache.RenderedBanner banner = banners.banner(site, config, lang, acceptLanguage);
        Response.ResponseBuilder builder = BannerCache.matches(ifNoneMatch, banner.etag())
                ? Response.notModified()
                : Response.ok(banner.body(), MediaType.APPLICATION_JSON_TYPE);
        return builder.header("ETag", banner.etag())
                .header("Cache-Control", banners.cacheControl())
                .header("Content-Language", banner.language())
                .header("Vary", BannerCache.VARY)
                .build();
    }
}
