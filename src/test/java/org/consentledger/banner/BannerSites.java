package org.consentledger.banner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.site.SiteService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Creates test sites and publishes banner configs through the real services (real MariaDB). */
@ApplicationScoped
public class BannerSites {

    static final List<String> ORIGINS = List.of("http://localhost:*", "http://127.0.0.1:*", "http://www.shop.banner.test:*");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    /** The fixture config (src/test/resources/banner-test/config.json), a fresh copy to modify. */
    static ObjectNode fixtureConfig() {
        try (InputStream in = BannerSites.class.getResourceAsStream("/banner-test/config.json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new site with the fixture config published as version 1; returns its key. */
    String newSite() {
        return newSite(fixtureConfig());
    }

    String newSite(JsonNode config) {
        String key = "bt-" + UUID.randomUUID().toString().substring(0, 8);
        sites.create(key, "Banner test " + key, ORIGINS, null);
        configs.publish(key, config, "banner-test");
        return key;
    }

    /** Publishes a new version of the site's config. */
    void publish(String siteKey, JsonNode config) {
        configs.publish(siteKey, config, "banner-test");
    }
}
