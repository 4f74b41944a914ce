package org.consentledger.console;

import io.quarkus.qute.TemplateExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Template helpers for console pages. */
@TemplateExtension
public final class TemplateExtensions {

    private TemplateExtensions() {
    }

    /** URL-encodes a query parameter value ({@code {siteKey.enc}}); the template then HTML-escapes the result. */
    static String enc(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
