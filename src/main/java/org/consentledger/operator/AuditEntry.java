package org.consentledger.operator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One operator action in the append-only audit trail: no setters, no delete. */
@Entity
@Table(name = "operator_audit")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false, length = 200)
    private String actor;

    @Column(nullable = false, updatable = false, length = 64)
    private String action;

    @Column(name = "site_key", updatable = false, length = 64)
    private String siteKey;

    @Column(updatable = false, length = 300)
    private String target;

    /** JSON object with what was done (filters of an export, fields of a change). */
    @Column(updatable = false)
    private String details;

    @Column(name = "ip_truncated", updatable = false, length = 64)
    private String ipTruncated;

    protected AuditEntry() {
    }

    AuditEntry(Instant occurredAt, String actor, String action, String siteKey, String target, String details,
            String ipTruncated) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.siteKey = siteKey;
        this.target = target;
        this.details = details;
        this.ipTruncated = ipTruncated;
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getSiteKey() {
        return siteKey;
    }

    public String getTarget() {
        return target;
    }

    public String getDetails() {
        return details;
    }

    public String getIpTruncated() {
        return ipTruncated;
    }
}
