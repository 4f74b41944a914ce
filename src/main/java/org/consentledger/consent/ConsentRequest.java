package org.consentledger.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/** Body of {@code POST /api/v1/sites/{siteKey}/consents}: what the visitor decided. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ConsentRequest(String visitorId, Integer configVersion, Map<String, Boolean> decisions, String method,
                             String language, Boolean gpc, String pageUrl, String bannerHash) {
}
