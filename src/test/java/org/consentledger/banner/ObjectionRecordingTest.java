package org.consentledger.banner;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 4 gap: an objection to a legitimate-interest service is recorded in the ledger like any decision
 * (per-service decision {@code false}), not only in the visitor's cookie.
 */
@QuarkusTest
class ObjectionRecordingTest extends BannerBrowserTest {

    @Test
    void objectionIsPostedStoredAndSealedIntoTheReceipt() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        button(page, "Einstellungen").click();
        page.locator("#consentledger summary", new Page.LocatorOptions().setHasText("Vercel Web Analytics")).click();
        page.locator("[role=switch][aria-labelledby=cl-c-analytics]").click();
        button(page, "Widersprechen: Vercel Web Analytics").click();
        button(page, "Auswahl speichern").click();

        JsonPath history = history(site, visitorId(page), 1);
        assertEquals(1, consentPosts.size(), "one POST for the decision");
        JsonPath posted = new JsonPath(consentPosts.get(0).postData());
        assertEquals(false, posted.getBoolean("services.vercel"), "the POST carries the objection");
        assertEquals("save-settings", history.getString("current.method"));
        assertEquals(true, history.getBoolean("current.decisions.analytics"), "analytics consented");
        assertEquals(false, history.getBoolean("current.services.vercel"), "the stored event shows the objection");
        assertEquals(true, history.getBoolean("current.services.clarity"), "and the consent to the other service");

        String receipt = history.getString("current.receiptUrl");
        given().accept(ContentType.JSON).when().get(receipt).then().statusCode(200)
                .body("event.services.vercel", equalTo(false));
    }

    @Test
    void rejectAllRecordsObjectionsAcceptAllRecordsNone() {
        String site = sites.newSite();
        Page page = open(context(), pageUrl(site));
        button(page, "Alle ablehnen").click();
        JsonPath refused = history(site, visitorId(page), 1);
        assertEquals("reject-all", refused.getString("current.method"));
        assertEquals(false, refused.getBoolean("current.services.vercel"), "Reject all objects to legitimate interest too");

        page.evaluate("() => ConsentLedger.acceptAll()");
        JsonPath given = history(site, visitorId(page), 2);
        assertEquals("accept-all", given.getString("current.method"));
        assertEquals(true, given.getBoolean("current.services.vercel"), "Accept all lifts the objection");
    }

    @Test
    void unknownServiceOrRefusedEssentialServiceIs422AndNothingStored() {
        String site = sites.newSite();
        String visitor = UUID.randomUUID().toString();
        String body = "{\"visitorId\":\"" + visitor + "\",\"configVersion\":1,\"method\":\"save-settings\","
                + "\"decisions\":{\"essential\":true,\"analytics\":true},\"services\":%s}";
        given().contentType(ContentType.JSON).body(String.format(body, "{\"nope\":false}"))
                .when().post("/api/v1/sites/{site}/consents", site)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("services.nope"));
        given().contentType(ContentType.JSON).body(String.format(body, "{\"session\":false}"))
                .when().post("/api/v1/sites/{site}/consents", site)
                .then().statusCode(422).body("errors.field", hasItem("services.session"));
        given().contentType(ContentType.JSON).body(String.format(body, "{\"vercel\":null}"))
                .when().post("/api/v1/sites/{site}/consents", site)
                .then().statusCode(422).body("errors.field", hasItem("services.vercel"));
        given().when().get("/api/v1/sites/{site}/visitors/{v}/consent", site, visitor).then().statusCode(404);

        String refused = "{\"visitorId\":\"" + visitor + "\",\"configVersion\":1,\"method\":\"save-settings\","
                + "\"decisions\":{\"essential\":true,\"analytics\":false},\"services\":%s}";
        given().contentType(ContentType.JSON).body(String.format(refused, "{\"vercel\":true}"))
                .when().post("/api/v1/sites/{site}/consents", site)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("services.vercel"));
        given().contentType(ContentType.JSON).body(String.format(body, "{\"vercel\":false,\"clarity\":false}"))
                .when().post("/api/v1/sites/{site}/consents", site)
                .then().statusCode(422).body("errors.field", hasItem("decisions.analytics"));
        given().when().get("/api/v1/sites/{site}/visitors/{v}/consent", site, visitor).then().statusCode(404);

        given().contentType(ContentType.JSON).body(String.format(body, "{\"vercel\":false}"))
                .when().post("/api/v1/sites/{site}/consents", site)
                .then().statusCode(201).body("services.vercel", equalTo(false));
        JsonPath withdrawn = given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/sites/{site}/visitors/{v}/withdrawal", site, visitor)
                .then().statusCode(201).extract().jsonPath();
        assertEquals(false, withdrawn.getBoolean("services.vercel"), "a withdrawal keeps the objection");

        String older = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body("{\"visitorId\":\"" + older + "\",\"configVersion\":1,"
                        + "\"method\":\"api\",\"decisions\":{\"essential\":true}}")
                .when().post("/api/v1/sites/{site}/consents", site)
                .then().statusCode(201);
        assertNull(given().get("/api/v1/sites/{site}/visitors/{v}/consent", site, older).jsonPath().get("current.services"),
                "clients that send no services are unchanged");
    }
}
