package org.consentledger.banner;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.consentledger.config.BannerCache;
import org.consentledger.config.ConfigService;
import org.consentledger.config.PublishedConfig;
import org.consentledger.platform.ProblemException;
import org.consentledger.site.InstallCheck;
import org.consentledger.site.SiteService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /sites/{siteKey}/banner.js?lang=de}: the banner script with the site's published config for the page
 * language built in (the part the first layer needs, {@link FirstLayerConfig}), so a page needs one request instead
 * of two (script, then config). {@code GET /sites/{siteKey}/settings.js?lang=de}: the settings chunk with the full
 * config, loaded by the banner when the visitor opens the settings. Cached like the config (ETag from bundle hash and
 * config ETag, so a new publication or a new build changes it; fresh for a minute, then served from the browser's
 * cache while it is revalidated in the background for up to a week: a repeat visit renders without waiting for the
 * network).
 */
@Path("/sites/{siteKey}/banner.js")
public class SiteScriptResource {

    /** After max-age (a minute), for a week the browser renders its cached copy and revalidates in the background. */
    static final int STALE_WHILE_REVALIDATE = 604_800;

    /** Seconds the per-site script and the settings chunk are fresh (tests shorten it to see a revalidation). */
    @ConfigProperty(name = "consent.banner.site-script-max-age", defaultValue = "60")
    int maxAge;

    @Inject
    BannerBundle bundle;

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Inject
    BannerCache banners;

    @Inject
    InstallCheck installCheck;

    @Inject
    ObjectMapper mapper;

    /** First-layer config bytes per rendered banner (key: its ETag). */
    private final ConcurrentHashMap<String, byte[]> firstLayer = new ConcurrentHashMap<>();

    @GET
    @Operation(summary = "Banner script with the site's published config for one language built in")
    public Response script(@PathParam("siteKey") String siteKey, @QueryParam("lang") String lang,
                           @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                           @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                           @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer) {
        SiteService.SiteSnapshot site = sites.requireSnapshot(siteKey);
        PublishedConfig config = configs.latestPublished(site.id())
                .orElseThrow(() -> ProblemException.notFound("Site " + siteKey + " has no published banner configuration"));
        BannerCache.RenderedBanner banner = banners.banner(site, config, lang, acceptLanguage);
        // installation check ("banner seen"), as the config endpoint records it; a plain <script src> sends no
        // Origin, so the page's origin comes from the Referer (browsers send at least the origin cross-site)
        installCheck.bannerFetched(site, origin != null ? origin : originOf(referer));
        String etag = "\"" + bundle.siteHash().substring(0, 16) + "-" + banner.etag().replace("\"", "") + "\"";
        if (BannerCache.matches(ifNoneMatch, etag)) {
            return headers(Response.notModified(), etag, banner.language(), maxAge);
        }
        if (firstLayer.size() > 10_000) {
            firstLayer.clear();
        }
        byte[] inlined = firstLayer.computeIfAbsent(banner.etag(), k -> FirstLayerConfig.of(mapper, banner.body()));
        return headers(Response.ok(InlineScript.render(bundle.siteUnsafe(), inlined), BannerScriptResource.JAVASCRIPT),
                etag, banner.language(), maxAge);
    }

    static Response headers(Response.ResponseBuilder builder, String etag, String language, int maxAge) {
        return builder.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge + ", stale-while-revalidate=" + STALE_WHILE_REVALIDATE)
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .header(HttpHeaders.VARY, "Accept-Language")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .build();
    }

    /** scheme://host[:port] of a Referer, or null. */
    static String originOf(String referer) {
        if (referer == null) {
            return null;
        }
        try {
            URI uri = new URI(referer);
            if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawUserInfo() != null) {
                return null;
            }
            return uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(java.util.Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Puts the config in place of the inline-config placeholder of the bundle. Pure logic. */
    static final class InlineScript {
        static final String PLACEHOLDER = "\"__CONSENTLEDGER_INLINE_CONFIG__\"";

        private InlineScript() {
        }

        static byte[] render(byte[] script, byte[] configJson) {
            String js = new String(script, StandardCharsets.UTF_8);
            int at = js.indexOf(PLACEHOLDER);
            if (at < 0) {
                throw new IllegalStateException("banner bundle has no inline-config placeholder");
            }
            // JSON is a JS expression; U+2028/2029 are legal in ES2019 string literals, '<' cannot end a script file
            String config = new String(configJson, StandardCharsets.UTF_8);
            return (js.substring(0, at) + config + js.substring(at + PLACEHOLDER.length())).getBytes(StandardCharsets.UTF_8);
        }
    }
}
