package org.consentledger.monitor;

import java.util.List;

/**
 * What the monitor in a visitor's browser sends ({@code POST /api/v1/sites/{siteKey}/cookie-reports}, text/plain
 * JSON): names and hosts only, never values, never the visitor id. Unknown fields are rejected (422).
 */
public record CookieReport(Integer configVersion, String path, List<Cookie> cookies, List<Host> hosts) {

    /** A cookie name readable on the page; {@code beforeDecision}: seen before the visitor decided. */
    public record Cookie(String name, Boolean beforeDecision) {
    }

    /** The host (with port if any) of a third-party resource loaded before the decision. */
    public record Host(String host, Boolean beforeDecision) {
    }
}
