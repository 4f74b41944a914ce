package org.consentledger.consent;

import java.time.Instant;
import java.util.Map;

/**
 * A consent event as the visitor API shows it (no IP, no user agent). {@code services}: per-service decisions
 * (false for a legitimate-interest service = objection), null when the event has none.
 */
public record ConsentView(String consentId, String siteKey, String visitorId, String action, String method,
                          Map<String, Boolean> decisions, int configVersion, String configHash, String language,
                          boolean gpc, Instant recordedAt, String receiptUrl,
                          Map<String, Boolean> services) {

    static String receiptUrl(String consentId) {
        return "/api/v1/receipts/" + consentId;
    }
}
