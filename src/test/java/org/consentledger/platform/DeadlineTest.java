package org.consentledger.platform;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.consentledger.operator.Roles;
import org.consentledger.operator.TestTokens;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deadlines' answers and the late answer after them, with endpoints that answer only when the test lets them
 * ({@link LateAnswerResource}): the visitor deadline's 503, the console's error page at the operator deadline while
 * the (real, embedded) database is down, and the real answer arriving afterwards: not written, nothing logged. Both
 * console error pages of an outage (the deadline's, and the REST layer's when the sign-in's account lookup fails) name
 * the signed-in account from the session cookie, escaped.
 */
@QuarkusTest
class DeadlineTest {

    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL readiness;

    @Test
    void aVisitorAnswerAfterTheDeadlineIsNotWrittenAndLogsNothing() throws Exception {
        LateAnswerResource.hold();
        List<String> logged = warnings(() -> {
            given().when().get("/api/v1/sites/deadline-test/late").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("detail", containsString("retry with the same Idempotency-Key"));
            LateAnswerResource.release.countDown();
            return LateAnswerResource.finished.get(60, TimeUnit.SECONDS);
        });
        assertEquals(List.of(), logged, "the late answer is dropped quietly");
        // the connection pool's next request on this server is answered normally
        given().when().get("/api/v1/sites/kibox/banner").then().statusCode(200);
    }

    @Test
    void aConsolePageAtTheDeadlineIsTheConsoleErrorPageInItsLanguageWithTheSignedInHeader() throws Exception {
        Assumptions.assumeTrue(DatabaseTestResource.embedded(), "needs the embedded database it can stop");
        // a name from an external identity provider is the operator's text on the page
        String token = TestTokens.claims("<b>o'brien & co</b>", Set.of(Roles.ADMIN), List.of()).sign();
        LateAnswerResource.hold();
        Response page;
        Response unavailable;
        List<String> logged;
        DatabaseTestResource.stopDatabase();
        try {
            page = given().cookie("cl_session", token).cookie("cl_lang", "de")
                    .when().get("/console/deadline-test/late").then().extract().response();
            // a page that fails at once (the account lookup of the sign-in) shows the same header
            unavailable = given().cookie("cl_session", token).cookie("cl_lang", "en")
                    .when().get("/console").then().extract().response();
        } finally {
            DatabaseTestResource.startDatabase();
            logged = warnings(() -> {
                LateAnswerResource.release.countDown();
                return LateAnswerResource.finished.get(60, TimeUnit.SECONDS);
            });
        }
        String html = page.body().asString();
        assertEquals(503, page.statusCode(), html);
        assertEquals("5", page.header("Retry-After"));
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        assertTrue(html.contains("<html lang=\"de\">"), html);
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/console/assets/console.css\">"), "styled: " + html);
        assertTrue(html.contains("<h1 id=\"error-title\">Vorübergehend nicht erreichbar</h1>"), html);
        assertTrue(html.contains("<span class=\"user\">&lt;b&gt;o&#39;brien &amp; co&lt;/b&gt;</span>"),
                "signed-in header, escaped: " + html);
        assertFalse(html.contains("<b>o'brien"), html);
        assertTrue(html.contains("id=\"logout\""), html);
        assertEquals(List.of(), logged, "the late answer is dropped quietly");

        String failed = unavailable.body().asString();
        assertEquals(503, unavailable.statusCode(), failed);
        assertTrue(failed.contains("<html lang=\"en\">"), failed);
        assertTrue(failed.contains("<span class=\"user\">&lt;b&gt;o&#39;brien &amp; co&lt;/b&gt;</span>"), failed);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().when().get(readiness).then().extract().statusCode() == 200);
    }

    /** The WARN and ERROR log lines written while {@code action} runs; fails if the late answer failed. */
    private static List<String> warnings(Callable<Throwable> action) throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    logged.add(r.getLoggerName() + ": " + r.getMessage() + " " + r.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            assertNull(action.call(), "the late answer's request ended without a failure");
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        return logged;
    }
}
