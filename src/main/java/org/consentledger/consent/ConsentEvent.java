package org.consentledger.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * A stored consent event. Insert-only: rows are written by {@link ConsentWriter} and never updated
 * through this entity (erasure of personal fields is a ledger operation); no setters, no delete.
 */
@Entity
@Immutable
@Table(name = "consent_event")
public class ConsentEvent {

    @Id
    private Long id;
    @Column(name = "consent_id")
    private String consentId;
    @Column(name = "site_id")
    private long siteId;
    @Column(name = "visitor_id")
    private String visitorId;
    private String action;
    private String method;
    private String decisions;
    @Column(name = "service_decisions")
    private String serviceDecisions;
    @Column(name = "config_version")
    private int configVersion;
    @Column(name = "config_hash")
    private String configHash;
    private String language;
    private boolean gpc;
    @Column(name = "page_url")
    private String pageUrl;
    @Column(name = "ip_truncated")
    private String ipTruncated;
    @Column(name = "user_agent")
    private String userAgent;
    @Column(name = "banner_hash")
    private String bannerHash;
    @Column(name = "idempotency_key")
    private String idempotencyKey;
    @Column(name = "idempotency_scope")
    private String idempotencyScope;
    @Column(name = "request_fingerprint")
    private String requestFingerprint;
    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected ConsentEvent() {
    }

    public Long id() {
        return id;
    }

    public String consentId() {
        return consentId;
    }

    public long siteId() {
        return siteId;
    }

    public String visitorId() {
        return visitorId;
    }

    public String action() {
        return action;
    }

    public String method() {
        return method;
    }

    public String decisions() {
        return decisions;
    }

    /** Canonical JSON of the per-service decisions, or null when the event has none. */
    public String serviceDecisions() {
        return serviceDecisions;
    }

    public int configVersion() {
        return configVersion;
    }

    public String configHash() {
        return configHash;
    }

    public String language() {
        return language;
    }

    public boolean gpc() {
        return gpc;
    }

    public String pageUrl() {
        return pageUrl;
    }

    public String ipTruncated() {
        return ipTruncated;
    }

    public String userAgent() {
        return userAgent;
    }

    public String bannerHash() {
        return bannerHash;
    }

    public String requestFingerprint() {
        return requestFingerprint;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
