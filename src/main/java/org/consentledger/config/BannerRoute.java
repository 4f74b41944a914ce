package org.consentledger.config;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.consentledger.site.InstallCheck;
import org.consentledger.site.OriginPolicy;
import org.consentledger.site.SiteService;
import org.consentledger.site.VisitorCors;

import java.util.List;
import java.util.Optional;

/**
 * Hot path of {@code GET /api/v1/sites/{siteKey}/banner} as a plain Vert.x route on the event loop: when the
 * site and its latest version are cached and the origin (if any) is allowed, it writes the pre-serialised bytes
 * with the same headers as {@link BannerResource}; in every other case it passes the request on to that
 * resource. Profiling showed the REST stack (request context, filters, writer lookup) as most of the cost of
 * this request, which does no other work. Clients that accept gzip get the bytes compressed once per rendering
 * instead of per response.
 */
@ApplicationScoped
public class BannerRoute {

    static final String PATH = "/api/v1/sites/:siteKey/banner";
    private static final String JSON = "application/json";

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Inject
    BannerCache banners;

    @Inject
    InstallCheck installCheck;

    void register(@Observes Router router) {
        // before the REST handler (RouteConstants.ROUTE_ORDER_DEFAULT), after body and compression handlers
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String siteKey = context.pathParam("siteKey");
        if (siteKey == null || !sites.isCached(siteKey)) {
            context.next();
            return;
        }
        Optional<SiteService.SiteSnapshot> cached = sites.cachedSnapshot(siteKey);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (cached.isEmpty() || !configs.isLatestCached(cached.get().id())
                || origin != null && !OriginPolicy.allows(cached.get().allowedOrigins(), origin)) {
            context.next();
            return;
        }
        SiteService.SiteSnapshot site = cached.get();
        installCheck.bannerFetched(site, origin);
        Optional<PublishedConfig> config = configs.latestPublished(site.id());
        if (config.isEmpty()) {
            context.next();
            return;
        }
        List<String> lang = context.queryParam("lang");
        BannerCache.RenderedBanner banner = banners.banner(site, config.get(), lang.isEmpty() ? null : lang.get(0),
                request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        HttpServerResponse response = context.response();
        MultiMap headers = response.headers();
        headers.set(HttpHeaders.ETAG, banner.etag())
                .set(HttpHeaders.CACHE_CONTROL, banners.cacheControl())
                .set(HttpHeaders.CONTENT_LANGUAGE, banner.language())
                .add(HttpHeaders.VARY, BannerCache.VARY);
        if (origin != null) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, VisitorCors.EXPOSED_HEADERS)
                    .add(HttpHeaders.VARY, "Origin");
        }
        if (BannerCache.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), banner.etag())) {
            response.setStatusCode(304).end();
        } else {
            headers.set(HttpHeaders.CONTENT_TYPE, JSON);
            byte[] body = banner.body();
            if (BannerCache.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
                // compressed once when rendered (not per response); the compressor leaves an encoded body alone
                headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
                body = banner.gzipped();
            }
            response.setStatusCode(200).end(Buffer.buffer(body));
        }
    }
}
