package org.consentledger.consent;

import java.util.Map;

/** Body of {@code POST /api/v1/sites/{siteKey}/consents}: what the visitor decided. */
public record ConsentRequest(String visitorId, Integer configVersion, Map<String, Boolean> decisions, String method,
                             String language, Boolean gpc, String pageUrl, String bannerHash) {
}
