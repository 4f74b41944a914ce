package org.consentledger.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consentledger.platform.Hashes;
import org.consentledger.site.SiteService;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The banner configuration of a site resolved to one language, serialised once per (site, version, language)
 * with its strong ETag. Shared by {@link BannerRoute} (hot path) and {@link BannerResource} (everything else).
 */
@ApplicationScoped
public class BannerCache {

    /** After max-age, for ten minutes the browser uses its cached copy and revalidates it in the background. */
    static final int STALE_WHILE_REVALIDATE = 600;
    /** The answer depends on the language negotiation and, on the hot path, on the pre-compressed variant. */
    static final String VARY = "Accept-Language, Accept-Encoding";

    @Inject
    ObjectMapper mapper;

    /**
     * Seconds the banner config is fresh in the visitor's browser: a new publication reaches a returning visitor on
     * the first page view after this (tests that publish and reload shorten it).
     */
    @ConfigProperty(name = "consent.banner.config-max-age", defaultValue = "60")
    int maxAge;

    private final ConcurrentHashMap<String, RenderedBanner> rendered = new ConcurrentHashMap<>();
    /** The banner's built-in German and English texts (src/main/resources/banner/texts.json). */
    private volatile ObjectNode defaults;

    /** The JSON bytes, the same bytes gzip-compressed (sent when the client accepts gzip), ETag and language. */
    public record RenderedBanner(byte[] body, byte[] gzipped, String etag, String language) {
    }

    /** Cache-Control of the banner config: fresh for {@code consent.banner.config-max-age}, then stale-while-revalidate. */
    public String cacheControl() {
        return "public, max-age=" + maxAge + ", stale-while-revalidate=" + STALE_WHILE_REVALIDATE;
    }

    /** The banner for the language chosen from {@code lang}, then {@code acceptLanguage}, then the default. */
    public RenderedBanner banner(SiteService.SiteSnapshot site, PublishedConfig config, String lang, String acceptLanguage) {
        String language = LanguageResolver.choose(lang, acceptLanguage, config.languages(), config.defaultLanguage());
        return rendered.computeIfAbsent(site.id() + ":" + config.version() + ":" + language,
                k -> render(site, config, language));
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
        // the banner's built-in texts live here, not in the script: the operator's texts override them key by key
        body.set("texts", texts(language, resolved.path("texts")));
        body.set("languages", config.content().path("languages"));
        try {
            byte[] bytes = mapper.writeValueAsBytes(body);
            String etag = "\"" + Hashes.sha256Hex(bytes).substring(0, 32) + "\"";
            return new RenderedBanner(bytes, gzip(bytes), etag, language);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The banner's texts for one language: its built-in German/English texts (the script carries none), overridden
     * key by key by the operator's (already resolved to that language).
     */
    public ObjectNode texts(String language, JsonNode operatorTexts) {
        ObjectNode texts = defaultTexts(language).deepCopy();
        if (operatorTexts != null && operatorTexts.isObject()) {
            texts.setAll((ObjectNode) operatorTexts);
        }
        return texts;
    }

    private ObjectNode defaultTexts(String language) {
        if (defaults == null) {
            try (InputStream in = BannerCache.class.getResourceAsStream("/banner/texts.json")) {
                defaults = (ObjectNode) mapper.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonNode texts = defaults.path(language);
        return (ObjectNode) (texts.isObject() ? texts : defaults.path("en"));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Whether an {@code Accept-Encoding} header accepts gzip (a listed {@code gzip} or {@code x-gzip} without q=0). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                for (int i = 1; i < pieces.length; i++) {
                    String parameter = pieces[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                    if (parameter.matches("q=0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Whether an {@code If-None-Match} header matches the strong {@code etag} (weak comparison, RFC 9110). */
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
