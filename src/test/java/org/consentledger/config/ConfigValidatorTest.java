package org.consentledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consentledger.platform.Problem.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigValidatorTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static ObjectNode demoConfig(String site) throws Exception {
        try (InputStream in = ConfigValidatorTest.class.getClassLoader().getResourceAsStream("demo-sites/" + site + ".json")) {
            return (ObjectNode) MAPPER.readTree(in).get("config");
        }
    }

    static List<String> fields(JsonNode config) {
        return ConfigValidator.validate(config).stream().map(FieldError::field).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kommunikationstrainer", "immmr", "kibox"})
    void seedSitesAreValid(String site) throws Exception {
        assertEquals(List.of(), ConfigValidator.validate(demoConfig(site)));
    }

    @Test
    void duplicateCategoryIdIsNamed() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ((ObjectNode) config.withArray("categories").get(1)).put("id", "essential");
        List<FieldError> errors = ConfigValidator.validate(config);
        assertTrue(errors.stream().anyMatch(e -> e.field().equals("categories[1].id") && e.message().contains("duplicate")), errors.toString());
    }

    @Test
    void essentialMustExistAndBeRequired() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ((ObjectNode) config.withArray("categories").get(0)).put("required", false);
        assertTrue(fields(config).contains("categories[0].required"));
        assertTrue(fields(config).contains("categories"));
    }

    @Test
    void onlyEssentialMayBeRequired() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ((ObjectNode) config.withArray("categories").get(1)).put("required", true);
        assertTrue(fields(config).contains("categories[1].required"));
    }

    @Test
    void serviceMustReferenceDeclaredCategory() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ((ObjectNode) config.withArray("services").get(1)).put("category", "marketing");
        assertTrue(fields(config).contains("services[1].category"));
    }

    @Test
    void textsNeededForEveryLanguage() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ((ObjectNode) config.get("texts")).remove("en");
        ((ObjectNode) config.withArray("categories").get(1).get("title")).remove("de");
        List<String> fields = fields(config);
        assertTrue(fields.contains("texts.en"), fields.toString());
        assertTrue(fields.contains("categories[1].title.de"), fields.toString());
    }

    @Test
    void urlsMustBeAbsoluteHttp() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ((ObjectNode) config.get("links").get("privacyPolicy")).put("de", "javascript:alert(1)");
        ((ObjectNode) config.withArray("services").get(1)).put("privacyPolicyUrl", "not a url");
        List<String> fields = fields(config);
        assertTrue(fields.contains("links.privacyPolicy.de"), fields.toString());
        assertTrue(fields.contains("services[1].privacyPolicyUrl"), fields.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"P5Y", "P0D", "forever", "PT-5M", "P800D"})
    void insaneCookieLifetimesAreRejected(String maxAge) throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ((ObjectNode) config.withArray("services").get(1).withArray("cookies").get(0)).put("maxAge", maxAge);
        assertTrue(fields(config).contains("services[1].cookies[0].maxAge"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1Y", "P1D", "PT30M", "P13M", "session"})
    void saneCookieLifetimesAreAccepted(String maxAge) throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ((ObjectNode) config.withArray("services").get(1).withArray("cookies").get(0)).put("maxAge", maxAge);
        assertEquals(List.of(), ConfigValidator.validate(config));
    }

    @Test
    void nonEssentialCookieWithoutLifetimeOrProviderIsRejected() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ObjectNode clarity = (ObjectNode) config.withArray("services").get(1);
        ((ObjectNode) clarity.withArray("cookies").get(2)).remove("maxAge");
        clarity.remove("provider");
        clarity.remove("purpose");
        List<String> fields = fields(config);
        assertTrue(fields.containsAll(List.of("services[1].cookies[2].maxAge", "services[1].provider", "services[1].purpose")), fields.toString());
    }

    @Test
    void oversizedTextsAndUnknownFieldsAreRejected() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ((ObjectNode) config.get("texts").get("de")).put("body", "x".repeat(10_000));
        config.put("colour", "red");
        List<String> fields = fields(config);
        assertTrue(fields.contains("texts.de.body"), fields.toString());
        assertTrue(fields.contains("colour"), fields.toString());
    }

    @Test
    void configOverSizeLimitIsRejected() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        ArrayNode services = config.withArray("services");
        for (int i = 0; i < 150; i++) {
            ObjectNode copy = services.get(1).deepCopy();
            copy.put("id", "clarity" + i);
            ((ObjectNode) copy.get("purpose")).put("de", "y".repeat(2_000));
            services.add(copy);
        }
        assertEquals(List.of(""), fields(config));
    }

    @Test
    void defaultLanguageMustBeDeclaredAndConsentModeTypesKnown() throws Exception {
        ObjectNode config = demoConfig("kommunikationstrainer");
        config.put("defaultLanguage", "fr");
        ((ObjectNode) config.get("integrations").get("googleConsentMode")).putArray("analytics").add("tracking_storage");
        List<String> fields = fields(config);
        assertTrue(fields.contains("defaultLanguage"));
        assertTrue(fields.contains("integrations.googleConsentMode.analytics[0]"));
    }
}
