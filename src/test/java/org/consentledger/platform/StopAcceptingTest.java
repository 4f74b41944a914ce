package org.consentledger.platform;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The shutdown waits for the requests the admission gate counts as in progress ({@link StopAccepting}); every way a
 * request can end must end that count, or each shutdown would hang for the full wait. The SIGTERM itself is tested
 * with the packaged app in ShutdownAndOutageIT.
 */
@QuarkusTest
class StopAcceptingTest {

    @Inject
    StopAccepting gate;

    @TestHTTPResource("/")
    URL root;

    @Test
    void everyWayARequestEndsLeavesNothingForAShutdownToWaitFor() throws Exception {
        given().contentType(ContentType.JSON)
                .body("{\"visitorId\":\"" + UUID.randomUUID() + "\",\"configVersion\":1,\"decisions\":{\"essential\":true},"
                        + "\"method\":\"api\"}")
                .when().post("/api/v1/sites/kibox/consents").then().statusCode(org.hamcrest.Matchers.oneOf(201, 429));
        given().when().get("/api/v1/sites/kibox/banner").then().statusCode(200);
        given().when().get("/sites/kibox/banner.js").then().statusCode(200);
        given().when().get("/console/login").then().statusCode(200);
        given().when().get("/no-such-page").then().statusCode(404);
        given().contentType(ContentType.TEXT).body("not json")
                .when().post("/api/v1/sites/kibox/consents").then().statusCode(415);
        // a client that announces a body, sends part of it and goes away
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/sites/kibox/consents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 400\r\n\r\n{\"visitorId\":").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.inProgress() == 0);
    }
}
