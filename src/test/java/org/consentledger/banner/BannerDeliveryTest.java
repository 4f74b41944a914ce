package org.consentledger.banner;

import org.consentledger.platform.Chromium;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 4 item 1: one tag, bundled by the Maven build, short-cached alias plus immutable versioned URL. */
@QuarkusTest
class BannerDeliveryTest extends BannerBrowserTest {

    static final String PLACEHOLDER = "__CONSENTLEDGER_BUNDLE_HASH_PLACEHOLDER_000000000000000000000000";

    @Test
    void aliasIsShortCachedAndRevalidatesWithEtag() {
        Response response = RestAssured.get("/banner.js");
        response.then().statusCode(200)
                .header("Content-Type", containsString("javascript"))
                .header("Cache-Control", equalTo("public, max-age=300"))
                .header("ETag", equalTo("\"" + bundle.hash() + "\""));
        RestAssured.given().header("If-None-Match", response.header("ETag")).get("/banner.js")
                .then().statusCode(304);
        assertTrue(response.asString().length() > 1000, "a real bundle is served");
    }

    @Test
    void versionedUrlIsImmutableAndUnknownHashesAre404() {
        RestAssured.get("/banner/" + bundle.hash() + "/banner.js").then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"));
        RestAssured.get("/banner/0000/banner.js").then().statusCode(404)
                .header("Content-Type", containsString("problem+json"));
    }

    @Test
    void bundleIsMinifiedWithinBudgetAndItsHashIsVerifiable() throws Exception {
        byte[] served = RestAssured.get("/banner.js").asByteArray();
        String js = new String(served, StandardCharsets.UTF_8);
        assertTrue(bundle.gzipBytes() > 0 && bundle.gzipBytes() <= 8192, "gzipped size " + bundle.gzipBytes() + " within 8 KB");
        assertFalse(js.contains("\n  "), "minified");
        assertFalse(js.contains("eval("), "no eval");
        String original = js.replace(bundle.hash(), PLACEHOLDER);
        String recomputed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(original.getBytes(StandardCharsets.UTF_8)));
        assertEquals(bundle.hash(), recomputed, "hash = SHA-256 of the bundle with the placeholder put back");
    }

    @Test
    void oneTagLoadsTheBannerAndEventsCarryTheBundleHash() throws Exception {
        String site = sites.newSite();
        BrowserContext context = context();
        Page page = open(context, pageUrl(site));
        assertTrue(dialog(page).isVisible(), "the single script tag shows the banner");
        Chromium.screenshot(page, "first-layer-de-1280x720");
        button(page, "Alle ablehnen").click();
        String visitor = visitorId(page);
        history(site, visitor, 1);
        assertEquals(bundle.hash(), storedBannerHash(visitor), "the ledger event names the banner build");
    }
}
