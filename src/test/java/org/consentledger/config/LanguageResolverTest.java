package org.consentledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LanguageResolverTest {

    static final List<String> OFFERED = List.of("de", "en");

    @Test
    void langParameterWinsOverAcceptLanguage() {
        assertEquals("en", LanguageResolver.choose("en", "de-DE,de;q=0.9", OFFERED, "de"));
        assertEquals("en", LanguageResolver.choose("EN-gb", null, OFFERED, "de"));
    }

    @Test
    void acceptLanguageByQualityThenDefault() {
        assertEquals("en", LanguageResolver.choose(null, "fr-FR,fr;q=0.9,en;q=0.8,de;q=0.7", OFFERED, "de"));
        assertEquals("de", LanguageResolver.choose("fr", "fr,it", OFFERED, "de"));
        assertEquals("de", LanguageResolver.choose(null, "en;q=0,de;q=0.1", OFFERED, "en"));
        assertEquals("en", LanguageResolver.choose(null, "garbage;q=x", OFFERED, "en"));
    }

    @Test
    void resolvesLocalisedObjectsWithFallback() throws Exception {
        JsonNode config = new ObjectMapper().readTree("""
                {"title":{"de":"Notwendig","en":"Essential"},"only":{"de":"Nur deutsch"},
                 "list":[{"x":{"de":"a","en":"b"}}],"plain":{"name":"n"}}""");
        JsonNode en = LanguageResolver.resolve(config, "en", OFFERED, "de");
        assertEquals("Essential", en.get("title").asText());
        assertEquals("Nur deutsch", en.get("only").asText());
        assertEquals("b", en.get("list").get(0).get("x").asText());
        assertEquals("n", en.get("plain").get("name").asText());
    }
}
