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
import org.consentledger.site.SiteService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /sites/{siteKey}/settings.js?lang=de}: the settings chunk (settings-layer code) with the site's full
 * published config for the language, loaded by the banner only when the visitor opens the settings. Cached and
 * revalidated like the per-site script ({@link SiteScriptResource}).
 */
@Path("/sites/{siteKey}/settings.js")
public class SettingsScriptResource {

    @Inject
    BannerBundle bundle;

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Inject
    BannerCache banners;

    @ConfigProperty(name = "consent.banner.site-script-max-age", defaultValue = "60")
    int maxAge;

    @GET
    @Operation(summary = "Settings-layer code with the site's full published config for one language built in")
    public Response settings(@PathParam("siteKey") String siteKey, @QueryParam("lang") String lang,
                             @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        SiteService.SiteSnapshot site = sites.requireSnapshot(siteKey);
        PublishedConfig config = configs.latestPublished(site.id())
                .orElseThrow(() -> ProblemException.notFound("Site " + siteKey + " has no published banner configuration"));
        BannerCache.RenderedBanner banner = banners.banner(site, config, lang, acceptLanguage);
        String etag = "\"" + bundle.settingsHash().substring(0, 16) + "-" + banner.etag().replace("\"", "") + "\"";
        return SiteScriptResource.headers(BannerCache.matches(ifNoneMatch, etag) ? Response.notModified()
                : Response.ok(SiteScriptResource.InlineScript.render(bundle.settingsUnsafe(), banner.body()), BannerScriptResource.JAVASCRIPT),
                etag, banner.language(), maxAge);
    }

}
