package org.consentledger.config;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class BannerApiTest {

    static final String PATH = "/api/v1/sites/{site}/banner";

    @Test
    void demoSiteServesClarityWithItsThreeCookiesInGerman() {
        given().queryParam("lang", "de").when().get(PATH, "kommunikationstrainer")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", notNullValue())
                .header("Cache-Control", containsString("max-age="))
                .header("Content-Language", "de")
                .body("siteKey", equalTo("kommunikationstrainer"))
                .body("version", equalTo(1))
                .body("configHash", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("language", equalTo("de"))
                .body("categories.find { it.id == 'analytics' }.title", equalTo("Statistik"))
                .body("services.find { it.id == 'clarity' }.provider", containsString("Microsoft Corporation"))
                .body("services.find { it.id == 'clarity' }.thirdCountryTransfer", containsString("USA"))
                .body("services.find { it.id == 'clarity' }.cookies.name", hasItems("_clck", "_clsk", "CLID"))
                .body("services.find { it.id == 'clarity' }.cookies.find { it.name == '_clsk' }.maxAge", equalTo("P1D"))
                .body("texts.acceptAll", equalTo("Alle akzeptieren"))
                .body("texts.rejectAll", equalTo("Alle ablehnen"))
                .body("links.privacyPolicy", containsString("datenschutz"));
    }

    @Test
    void languageFromParameterThenAcceptLanguageThenDefault() {
        given().queryParam("lang", "en").when().get(PATH, "kommunikationstrainer")
                .then().statusCode(200).body("texts.acceptAll", equalTo("Accept all"));
        given().header("Accept-Language", "en-GB,en;q=0.9").when().get(PATH, "kommunikationstrainer")
                .then().statusCode(200).body("language", equalTo("en"));
        given().header("Accept-Language", "fr-FR").when().get(PATH, "kommunikationstrainer")
                .then().statusCode(200).body("language", equalTo("de"));
        given().when().get(PATH, "immmr").then().statusCode(200).body("language", equalTo("en"))
                .body("categories", hasSize(4));
    }

    @Test
    void etagAnswers304AndDiffersPerLanguage() {
        String etag = given().queryParam("lang", "de").when().get(PATH, "kibox").then().statusCode(200)
                .extract().header("ETag");
        given().queryParam("lang", "de").header("If-None-Match", etag).when().get(PATH, "kibox")
                .then().statusCode(304).header("ETag", equalTo(etag));
        String english = given().queryParam("lang", "en").when().get(PATH, "kibox").then().statusCode(200)
                .extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertNotEquals(etag, english);
        given().queryParam("lang", "en").header("If-None-Match", etag).when().get(PATH, "kibox")
                .then().statusCode(200);
    }

    @Test
    void cachedHotPathAnswersExactlyLikeTheResource() throws InterruptedException {
        // the latest-version cache lives 3 s: after that the first request refreshes it through BannerResource,
        // the next one is answered by BannerRoute from the cache
        Thread.sleep(3_200);
        io.restassured.response.Response viaResource = given().queryParam("lang", "en")
                .header("Origin", "https://kibox.ai").when().get(PATH, "kibox");
        io.restassured.response.Response viaRoute = given().queryParam("lang", "en")
                .header("Origin", "https://kibox.ai").when().get(PATH, "kibox");
        for (io.restassured.response.Response r : List.of(viaResource, viaRoute)) {
            r.then().statusCode(200).contentType("application/json")
                    .header("Access-Control-Allow-Origin", "https://kibox.ai")
                    .header("Access-Control-Expose-Headers", containsString("ETag"));
            org.junit.jupiter.api.Assertions.assertEquals(List.of("Accept-Language, Accept-Encoding", "Origin"),
                    r.headers().getValues("Vary"), "Vary names both inputs of the answer");
        }
        // RestAssured asks for gzip: the resource's body is compressed per response, the route's once (other bytes)
        for (String header : List.of("ETag", "Cache-Control", "Content-Language", "Content-Type", "Content-Encoding")) {
            org.junit.jupiter.api.Assertions.assertEquals(viaResource.header(header), viaRoute.header(header), header);
        }
        org.junit.jupiter.api.Assertions.assertEquals("gzip", viaRoute.header("Content-Encoding"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(viaResource.asByteArray(), viaRoute.asByteArray());
        Thread.sleep(3_200);
        String etag = viaRoute.header("ETag");
        for (int i = 0; i < 2; i++) {
            given().queryParam("lang", "en").header("If-None-Match", "W/" + etag + ", \"other\"")
                    .when().get(PATH, "kibox")
                    .then().statusCode(304).header("ETag", etag).header("Content-Language", "en")
                    .header("Cache-Control", containsString("max-age=")).body(equalTo(""));
        }
    }

    @Test
    void unknownSiteIsProblem404() {
        given().when().get(PATH, "no-such-site")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", notNullValue()).body("detail", containsString("no-such-site"));
    }

    @Test
    void corsOnlyForAllowedOrigins() {
        given().header("Origin", "http://localhost:3000").when().get(PATH, "kibox")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:3000");
        given().header("Origin", "https://kibox.ai").when().get(PATH, "kibox")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://kibox.ai");
        given().header("Origin", "https://evil.example").when().get(PATH, "kibox")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void preflightAllowsOnlySiteOrigins() {
        given().header("Origin", "https://kommunikationstrainer.ai")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,idempotency-key")
                .when().options("/api/v1/sites/{site}/consents", "kommunikationstrainer")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://kommunikationstrainer.ai")
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        given().header("Origin", "https://kibox.ai")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/sites/{site}/consents", "kommunikationstrainer")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void demoPageEmbedsTheBannerAndAGatedScript() {
        given().when().get("/demo/{site}", "kommunikationstrainer")
                .then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("<script src=\"/sites/kommunikationstrainer/banner.js?lang=de\" data-site=\"kommunikationstrainer\" async></script>"))
                .body(containsString("type=\"text/plain\" data-category=\"analytics\" data-service=\"clarity\""))
                .body(containsString("href=\"#consent-settings\""));
        given().when().get("/demo/{site}", "nope").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void demoPagesSwitchLanguageGateEachSitesOwnServicesAndHaveAFavicon() {
        given().when().get("/demo/{site}?lang=en", "kibox").then().statusCode(200)
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("/sites/kibox/banner.js?lang=en"))
                .body(containsString("<a href=\"?lang=de\" hreflang=\"de\" lang=\"de\">Deutsch</a>"))
                .body(containsString("data-service=\"vercel-analytics\""))
                .body(containsString("data-service=\"vercel-speed-insights\""))
                .body(not(containsString("data-service=\"clarity\"")));
        given().when().get("/demo/{site}", "immmr").then().statusCode(200)
                .body(containsString("<html lang=\"de\">"))
                .body(containsString("data-category=\"marketing\" data-service=\"adjust\""))
                .body(containsString("data-service=\"webtrekk\"")).body(containsString("data-service=\"tealium\""))
                .body(not(containsString("data-service=\"clarity\"")));
        given().when().get("/demo/{site}", "kommunikationstrainer").then().statusCode(200)
                .body(containsString("data-service=\"clarity\"")).body(containsString("rel=\"icon\" href=\"/demo/favicon.svg\""));
        given().when().get("/demo/favicon.svg").then().statusCode(200).contentType(containsString("svg"));
    }
}
