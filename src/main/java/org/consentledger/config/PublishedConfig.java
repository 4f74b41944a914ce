package org.consentledger.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A parsed, immutable config version with what the visitor API needs to check requests against it. */
public record PublishedConfig(long siteId, int version, String contentHash, Instant publishedAt, JsonNode content,
                              List<String> languages, String defaultLanguage, Set<String> categoryIds,
                              Set<String> requiredCategoryIds) {

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
        return new PublishedConfig(v.siteId(), v.version(), v.contentHash(), v.publishedAt(), content,
                List.copyOf(languages), content.path("defaultLanguage").asText(), Set.copyOf(categories),
                Set.copyOf(required));
    }
}
