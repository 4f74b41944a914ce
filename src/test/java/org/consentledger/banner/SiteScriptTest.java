package org.consentledger.banner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.consentledger.site.InstallCheck;
import org.consentledger.site.SiteService;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13 item 1: one request brings script and published config (ETag, new on publish), and counts as "banner seen". */
@QuarkusTest
class SiteScriptTest {

    @Inject
    BannerSites sites;

    @Inject
    SiteService siteService;

    @Inject
    InstallCheck installCheck;

    @Inject
    BannerBundle bundle;

    @Test
    void scriptCarriesTheConfigForTheLanguageIsRevalidatedByETagAndChangesOnPublish() {
        String site = sites.newSite();
        Response en = given().header("Referer", "http://www.shop.banner.test:8081/products/1")
                .when().get("/sites/{site}/banner.js?lang=en", site);
        en.then().statusCode(200).contentType(containsString("text/javascript"))
                .header("Cache-Control", containsString("max-age=60"))
                .header("Content-Language", "en")
                .body(containsString("\"title\":\"Privacy at Fixture\""))
                .body(containsString("\"reload\":\"Reload page\""), not(containsString("__CONSENTLEDGER_INLINE_CONFIG__")))
                .body(containsString(bundle.hash()));
        String etag = en.header("ETag");
        given().header("If-None-Match", etag).when().get("/sites/{site}/banner.js?lang=en", site).then().statusCode(304);
        given().when().get("/sites/{site}/banner.js?lang=de", site).then().statusCode(200)
                .body(containsString("\"title\":\"Datenschutz bei Fixture\""));

        ObjectNode changed = BannerSites.fixtureConfig();
        ((ObjectNode) changed.with("texts").with("en")).set("title", new TextNode("Privacy at Fixture, v2"));
        sites.publish(site, changed);
        Response after = given().header("If-None-Match", etag).when().get("/sites/{site}/banner.js?lang=en", site);
        after.then().statusCode(200).body(containsString("Privacy at Fixture, v2"));
        assertNotEquals(etag, after.header("ETag"), "a new publication changes the ETag");

        installCheck.flush();
        List<InstallCheck.OriginSeen> seen = installCheck.origins(siteService.requireSnapshot(site).id(), BannerSites.ORIGINS);
        assertTrue(seen.stream().anyMatch(o -> o.allowed() && o.origin().equals("http://www.shop.banner.test:8081")),
                "the page's origin counts as 'banner seen': " + seen);
        given().when().get("/sites/{site}/banner.js", "no-such-site").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void refererOriginIsSchemeAndAuthorityOnly() {
        assertEquals("https://kibox.ai", SiteScriptResource.originOf("https://kibox.ai/de/preise?x=1"));
        assertEquals("http://localhost:8081", SiteScriptResource.originOf("http://localhost:8081/"));
        assertNull(SiteScriptResource.originOf("not a url"));
        assertNull(SiteScriptResource.originOf(null));
    }
}
