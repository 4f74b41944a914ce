package org.consentledger.consent;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/sites/{siteKey}/consents}: what the visitor decided. {@code services} (optional) holds
 * per-service decisions; {@code false} for a legitimate-interest service is an objection (Art. 21 GDPR).
 */
public record ConsentRequest(String visitorId, Integer configVersion, Map<String, Boolean> decisions, String method,
                             String language, Boolean gpc, String pageUrl, String bannerHash,
                             Map<String, Boolean> services) {
}
