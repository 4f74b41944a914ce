package org.consentledger.banner;

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
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /sites/{siteKey}/banner.js?lang=de}: the banner script with the site's published config for the page
 * language built in, so a page needs one request instead of two (script, then config). Cached like the config
 * (ETag from bundle hash and config ETag, so a new publication or a new build changes it; revalidated after a
 * minute).
 */
@Path("/sites/{siteKey}/banner.js")
public class SiteScriptResource {

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
        String etag = "\"" + bundle.hash().substring(0, 16) + "-" + banner.etag().replace("\"", "") + "\"";
        Response.ResponseBuilder builder = BannerCache.matches(ifNoneMatch, etag)
                ? Response.notModified()
                : Response.ok(InlineScript.render(bundle.scriptUnsafe(), banner.body()), BannerScriptResource.JAVASCRIPT);
        return builder.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=60, stale-while-revalidate=600")
                .header(HttpHeaders.CONTENT_LANGUAGE, banner.language())
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
