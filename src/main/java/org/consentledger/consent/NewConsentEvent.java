package org.consentledger.consent;

import java.time.Instant;

/**
 * A validated consent event ready to be written; every field is final and server-checked. {@code servicesJson}:
 * canonical per-service decisions, or null when the request named none. {@code idempotencyScope} ({@code consents} or
 * {@code withdrawal}) and {@code requestFingerprint} (SHA-256 of method, path and canonical body) accompany a key.
 */
public record NewConsentEvent(String consentId, long siteId, String siteKey, String visitorId, ConsentAction action,
                              String method, String decisionsJson, int configVersion, String configHash,
                              String language, boolean gpc, String pageUrl, String ipTruncated, String userAgent,
                              String bannerHash, String idempotencyKey, byte[] personalSalt,
                              byte[] personalCommitment, Instant recordedAt,
                              String servicesJson, String idempotencyScope, String requestFingerprint) {

    /** The key the writer looks a replay up by: site, endpoint scope and Idempotency-Key. */
    String scopedKey() {
        return siteId + "\n" + idempotencyScope + "\n" + idempotencyKey;
    }
}
