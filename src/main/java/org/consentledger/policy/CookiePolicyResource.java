package org.consentledger.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.consentledger.config.BannerCache;
import org.consentledger.config.ConfigService;
import org.consentledger.config.LanguageResolver;
import org.consentledger.config.PublishedConfig;
import org.consentledger.platform.Hashes;
import org.consentledger.platform.ProblemException;
import org.consentledger.site.SiteService;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public cookie declaration of a site, generated from its published banner config: a standalone HTML page and
 * a script that inserts the same declaration into the operator's privacy policy page. Rendered once per
 * (site, version, language) and served with ETag/304 like the banner config.
 */
@Path("/sites/{siteKey}")
public class CookiePolicyResource {

    /** Same freshness as the banner config: a new version shows within a minute. */
    static final String CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";
    /** The standalone page has no script at all; it may be framed (DESIGN: "embeddable"). */
    static final String PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
    static final String CSS = readCss();

    @Inject
    SiteService sites;

    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(
            "https?://[A-Za-z0-9*][A-Za-z0-9.*-]{0,252}(:[0-9*]{1,5})?");

    /**
     * The page may be framed, but only by the site's own allowed origins (issue #14: frame-ancestors on every page);
     * each origin is a valid CSP source expression, anything else is left out.
     */
    static String frameAncestors(java.util.List<String> origins) {
        String list = origins.stream().filter(o -> o != null && SOURCE.matcher(o).matches())
                .collect(java.util.stream.Collectors.joining(" "));
        return list.isEmpty() ? "'none'" : list;
    }

    @Inject
    ConfigService configs;

    @Inject
    ObjectMapper mapper;

    private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();

    record Rendered(byte[] page, String pageEtag, byte[] script, String scriptEtag, String language) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(CookieDeclaration d, boolean embedded);

        static native TemplateInstance declaration(CookieDeclaration d, boolean embedded);

        static native TemplateInstance notFound(PolicyLabels t, String lang);
    }

    @GET
    @Path("cookie-policy")
    @Operation(summary = "Cookie declaration of the site (HTML), generated from its published banner config")
    public Response page(@PathParam("siteKey") String siteKey, @QueryParam("lang") String lang,
                         @HeaderParam("Accept-Language") String acceptLanguage,
                         @HeaderParam("Accept") String accept,
                         @HeaderParam("If-None-Match") String ifNoneMatch) {
        Optional<Rendered> found = find(siteKey, lang, acceptLanguage);
        if (found.isEmpty()) {
            if (accept != null && accept.contains("text/html")) {
                String language = "de".equals(lang) || (lang == null && acceptLanguage != null
                        && acceptLanguage.trim().toLowerCase().startsWith("de")) ? "de" : "en";
                return Response.status(Response.Status.NOT_FOUND)
                        .entity(Templates.notFound(PolicyLabels.of(language), language).render())
                        .type("text/html; charset=utf-8")
                        .header("Content-Security-Policy", PAGE_CSP + "; frame-ancestors 'none'")
                        .build();
            }
            throw ProblemException.notFound("No cookie declaration for site " + siteKey);
        }
        Rendered r = found.get();
        return respond(r.page(), r.pageEtag(), "text/html; charset=utf-8", r.language(), ifNoneMatch)
                .header("Content-Security-Policy", PAGE_CSP + "; frame-ancestors " + frameAncestors(
                        sites.snapshot(siteKey).map(SiteService.SiteSnapshot::allowedOrigins).orElse(java.util.List.of())))
                .build();
    }

    @GET
    @Path("cookie-policy.js")
    @Operation(summary = "Script that inserts the cookie declaration into the page that embeds it")
    public Response script(@PathParam("siteKey") String siteKey, @QueryParam("lang") String lang,
                           @HeaderParam("Accept-Language") String acceptLanguage,
                           @HeaderParam("If-None-Match") String ifNoneMatch) {
        Rendered r = find(siteKey, lang, acceptLanguage)
                .orElseThrow(() -> ProblemException.notFound("No cookie declaration for site " + siteKey));
        return respond(r.script(), r.scriptEtag(), "text/javascript; charset=utf-8", r.language(), ifNoneMatch).build();
    }

    private Optional<Rendered> find(String siteKey, String lang, String acceptLanguage) {
        Optional<SiteService.SiteSnapshot> site;
        try {
            site = Optional.of(sites.requireSnapshot(siteKey));
        } catch (ProblemException e) {
            if (e.problem().status() != 404) {
                throw e; // e.g. 503 while the database is down: not "no such site"
            }
            site = Optional.empty();
        }
        return site.flatMap(s -> configs.latestPublished(s.id()).map(config -> {
            String language = LanguageResolver.choose(lang, acceptLanguage, config.languages(), config.defaultLanguage());
            // the allowed origins may change without a new config version: they are part of what was rendered
            String hosts = FirstPartyHosts.of(s.allowedOrigins());
            return rendered.computeIfAbsent(s.id() + ":" + config.version() + ":" + language + ":" + hosts,
                    k -> render(s, config, language, hosts));
        }));
    }

    private Rendered render(SiteService.SiteSnapshot site, PublishedConfig config, String language, String firstPartyHosts) {
        if (rendered.size() > 10_000) {
            rendered.clear();
        }
        CookieDeclaration declaration = CookieDeclaration.of(
                LanguageResolver.resolve(config.content(), language, config.languages(), config.defaultLanguage()),
                language, site.siteKey(), site.name(), config.version(), config.contentHash(), config.publishedAt(),
                firstPartyHosts);
        byte[] page = Templates.page(declaration, false).render().getBytes(StandardCharsets.UTF_8);
        byte[] script = EmbedScript.of(jsString(Templates.declaration(declaration, true).render()), jsString(CSS))
                .getBytes(StandardCharsets.UTF_8);
        return new Rendered(page, etag(page), script, etag(script), language);
    }

    /** A JSON string literal that is also safe inside any HTML context a script could end up in. */
    String jsString(String value) {
        try {
            return mapper.writeValueAsString(value)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response.ResponseBuilder respond(byte[] body, String etag, String type, String language, String ifNoneMatch) {
        Response.ResponseBuilder builder = BannerCache.matches(ifNoneMatch, etag) ? Response.notModified() : Response.ok(body, type);
        return builder.header("ETag", etag)
                .header("Cache-Control", CACHE_CONTROL)
                .header("Content-Language", language)
                .header("Vary", "Accept-Language")
                .header("X-Content-Type-Options", "nosniff");
    }

    private static String etag(byte[] body) {
        return "\"" + Hashes.sha256Hex(body).substring(0, 32) + "\"";
    }

    private static String readCss() {
        try (InputStream in = CookiePolicyResource.class.getResourceAsStream("/META-INF/resources/policy/cookie-policy.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
