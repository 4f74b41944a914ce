package org.consentledger.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Test-only: the operator's own website in the console journey. It holds whatever banner tag the test copied from the
 * console's Install page; Chromium opens it on an allowed origin (http://www.journey.banner.test:PORT, mapped to
 * 127.0.0.1 by {@code org.consentledger.platform.Chromium}).
 */
@Path("/journey-site")
public class JourneyPageResource {

    /** The banner tag pasted into the page (set by the test from the Install page's text box). */
    static volatile String bannerTag = "";
    /** What the operator added to the page for a new service (a gated script), set by the test. */
    static volatile String gated = "";

    @GET
    public Response page() {
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Journey Bakery</title>
                %s
                </head>
                <body>
                <main><h1>Journey Bakery</h1><p id="content">Fresh bread every morning.</p>
                <p><a href="#" data-consent-settings>Cookie settings</a></p></main>
                %s
                </body>
                </html>
                """.formatted(bannerTag, gated);
        // an operator's page without a policy of its own (the service would otherwise send its strict defaults)
        return Response.ok(html, "text/html; charset=utf-8")
                .header("Content-Security-Policy", "default-src * data: blob: 'unsafe-inline' 'unsafe-eval'").build();
    }
}
