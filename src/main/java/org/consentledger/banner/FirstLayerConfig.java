package org.consentledger.banner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The part of a rendered banner config that the per-site script inlines: what the first layer shows and what the
 * gating, the cookie deletion, the integrations and the recording read. The settings layer's details (category
 * descriptions, service purposes, full provider addresses, cookie purposes and lifetimes, privacy links, the
 * settings texts) come with the settings chunk when the visitor opens the settings. Keeps the first-layer download
 * within 8 KB gzipped (docs/PERFORMANCE.md). Pure logic.
 */
final class FirstLayerConfig {

    static final List<String> TOP = List.of("version", "configHash", "language", "cookie", "links", "integrations", "ui");
    static final List<String> SERVICE = List.of("id", "category", "name", "legalBasis", "thirdCountryTransfer", "integrations");
    static final List<String> COOKIE = List.of("name", "path", "thirdParty");
    /** Texts only the settings layer shows (operators' own extra texts stay in). */
    static final Set<String> SETTINGS_TEXTS = Set.of("save", "always", "provider", "purpose", "cookies", "basis",
            "privacyLink", "session", "unspecified", "object", "cookieName", "lifetime", "origin", "firstParty",
            "thirdParty", "thirdPartyNote", "consentId", "receipt", "consent", "legitimate-interest",
            "legitimateInterestEssential", "contract", "legal-obligation");

    private FirstLayerConfig() {
    }

    static byte[] of(ObjectMapper mapper, byte[] fullJson) {
        try {
            return mapper.writeValueAsBytes(of(mapper, mapper.readTree(fullJson)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode of(ObjectMapper mapper, JsonNode full) {
        ObjectNode out = mapper.createObjectNode();
        TOP.forEach(k -> {
            if (full.has(k)) {
                out.set(k, full.get(k));
            }
        });
        if (full.path("controller").has("name")) {
            out.putObject("controller").set("name", full.path("controller").get("name"));
        }
        ArrayNode categories = out.putArray("categories");
        full.path("categories").forEach(c -> categories.add(((ObjectNode) c.deepCopy()).without("description")));
        ArrayNode services = out.putArray("services");
        full.path("services").forEach(s -> {
            ObjectNode service = services.addObject();
            SERVICE.forEach(k -> {
                if (s.has(k)) {
                    service.set(k, s.get(k));
                }
            });
            // the first layer names the recipients by the provider's name (the part before the address)
            if (s.path("provider").isTextual()) {
                service.put("provider", s.get("provider").asText().split(",")[0]);
            }
            ArrayNode cookies = mapper.createArrayNode();
            s.path("cookies").forEach(k -> {
                ObjectNode cookie = cookies.addObject();
                COOKIE.forEach(f -> {
                    if (k.has(f)) {
                        cookie.set(f, k.get(f));
                    }
                });
            });
            if (!cookies.isEmpty()) {
                service.set("cookies", cookies);
            }
        });
        ObjectNode texts = out.putObject("texts");
        full.path("texts").fields().forEachRemaining(e -> {
            if (!SETTINGS_TEXTS.contains(e.getKey())) {
                texts.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
