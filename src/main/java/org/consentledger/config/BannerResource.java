package org.consentledger.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.consentledger.platform.Hashes;
import org.consentledger.platform.ProblemException;
import org.consentledger.site.SiteService;
import org.consentledger.site.VisitorCors;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The published banner configuration of a site, resolved to one language, with ETag/304. The hot path
 * (site and latest version cached) answers on the event loop from pre-serialised bytes.
 */
@Path("/api/v1/sites/{siteKey}/banner")
public class BannerResource {

    static final String CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    @Inject
    ObjectMapper mapper;

    private final ConcurrentHashMap<String, RenderedBanner> rendered = new ConcurrentHashMap<>();

    record RenderedBanner(byte[] body, String etag, String language) {
    }

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
        VisitorCors.requireAllowed(site, origin);
        PublishedConfig config = configs.latestPublished(site.id())
                .orElseThrow(() -> ProblemException.notFound("Site " + site.siteKey() + " has no published banner configuration"));
        String language = LanguageResolver.choose(lang, acceptLanguage, config.languages(), config.defaultLanguage());
        RenderedBanner banner = rendered.computeIfAbsent(site.id() + ":" + config.version() + ":" + language,
                k -> render(site, config, language));
        Response.ResponseBuilder builder = matches(ifNoneMatch, banner.etag())
                ? Response.notModified()
                : Response.ok(banner.body(), MediaType.APPLICATION_JSON_TYPE);
        return builder.header("ETag", banner.etag())
                .header("Cache-Control", CACHE_CONTROL)
                .header("Content-Language", banner.language())
                .header("Vary", "Accept-Language")
                .build();
    }

    private RenderedBanner render(SiteService.SiteSnapshot site, PublishedConfig config, String language) {
        if (rendered.size() > 10_000) {
            rendered.clear();
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("siteKey", site.siteKey());
        body.put("version", config.version());
        body.put("configHash", config.contentHash());
        body.put("language", language);
        JsonNode resolved = LanguageResolver.resolve(config.content(), language, config.languages(), config.defaultLanguage());
        resolved.fields().forEachRemaining(e -> body.set(e.getKey(), e.getValue()));
        body.set("languages", config.content().path("languages"));
        try {
            byte[] bytes = mapper.writeValueAsBytes(body);
            String etag = "\"" + Hashes.sha256Hex(bytes).substring(0, 32) + "\"";
            return new RenderedBanner(bytes, etag, language);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when an If-None-Match header names {@code etag} (weak or strong) or is {@code *}. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag) || c.equals("*")) {
                return true;
            }
        }
        return false;
    }
}
