package org.consentledger.site;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.consentledger.config.ConfigService;
import org.consentledger.config.LanguageResolver;
import org.consentledger.config.PublishedConfig;
import org.consentledger.platform.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * A sample page of a site with the banner tag (the per-site script: one request) and one gated stand-in script per
 * optional service of the site's published config, in German or English: the quickest way to see it work.
 */
@Path("/demo")
public class DemoResource {

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Inject
    DemoSites.DemoConfig demo;

    /** A gated stand-in for one service of the site (its id, category and name in the page language). */
    public record GatedService(String id, String category, String name) {
    }

    /**
     * The service's strict page policy (platform.HtmlSecurityHeaders), except that images may also come from the other
     * loopback name: the cookie-monitor demo loads an ungated "third-party" pixel from there (monitor-demo.js).
     */
    static final String DEMO_CSP = org.consentledger.platform.HtmlSecurityHeaders.CSP.replace("img-src 'self' data:",
            "img-src 'self' data: http://localhost:* http://127.0.0.1:*");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance demo(String siteKey, String siteName, String lang, boolean de,
                                            List<GatedService> services);
    }

    @GET
    @Path("{siteKey}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Sample page of a site with the banner")
    public jakarta.ws.rs.core.Response demo(@PathParam("siteKey") String siteKey, @QueryParam("lang") String lang) {
        if (!demo.enabled()) {
            // a production instance shows no sample pages, not even of real sites
            throw ProblemException.notFound("Demo pages are switched off (consent.demo.enabled=false)");
        }
        Site site = sites.findByKey(siteKey).orElseThrow(() -> ProblemException.notFound("Unknown site: " + siteKey));
        String language = "en".equals(lang) ? "en" : "de";
        List<GatedService> gated = new ArrayList<>();
        configs.latestPublished(site.id).ifPresent(config -> gated.addAll(gated(config, language)));
        return jakarta.ws.rs.core.Response.ok(Templates.demo(site.siteKey, site.name, language, "de".equals(language), gated))
                .header("Content-Security-Policy", DEMO_CSP).build();
    }

    /** The optional services of a config (those outside the required categories), named in the language. */
    static List<GatedService> gated(PublishedConfig config, String language) {
        JsonNode resolved = LanguageResolver.resolve(config.content(), language, config.languages(), config.defaultLanguage());
        List<GatedService> result = new ArrayList<>();
        resolved.path("services").forEach(s -> {
            String category = s.path("category").asText();
            if (!config.requiredCategoryIds().contains(category)) {
                result.add(new GatedService(s.path("id").asText(), category, s.path("name").asText(s.path("id").asText())));
            }
        });
        return result;
    }
}
