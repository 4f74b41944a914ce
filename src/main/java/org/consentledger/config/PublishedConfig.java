package org.consentledger.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, immutable config version with what the visitor API needs to check requests against it
 * ({@code serviceCategories}: service id to its category id).
 */
public record PublishedConfig(long siteId, int version, String contentHash, Instant publishedAt, JsonNode content,
                              List<String> languages, String defaultLanguage, Set<String> categoryIds,
                              Set<String> requiredCategoryIds, Map<String, String> serviceCategories) {

    static PublishedConfig of(ConfigVersion v, JsonNode content) {
        List<String> languages = new ArrayList<>();
        content.path("languages").forEach(l -> languages.add(l.asText()));
        Set<String> categories = new LinkedHashSet<>();
        Set<String> required = new LinkedHashSet<>();
        content.path("categories").forEach(c -> {
            categories.add(c.path("id").asText());
            if (c.path("required").asBoolean(false)) {
                required.add(c.path("id").asText());
            }
        });
        Map<String, String> services = new LinkedHashMap<>();
        content.path("services").forEach(s -> services.put(s.path("id").asText(), s.path("category").asText()));
        return new PublishedConfig(v.siteId(), v.version(), v.contentHash(), v.publishedAt(), content,
                List.copyOf(languages), content.path("defaultLanguage").asText(), Set.copyOf(categories),
                Set.copyOf(required), Map.copyOf(services));
    }
}
