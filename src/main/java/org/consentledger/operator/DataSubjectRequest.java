package org.consentledger.operator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Set;

/**
 * A data-subject request (access Art. 15/20 or erasure Art. 17) of one site and its deadline. Holds no requester
 * name or contact, only the pseudonymous visitor id, which is removed when the visitor is erased.
 */
@Entity
@Table(name = "dsr_request")
public class DataSubjectRequest {

    public static final String ACCESS = "access";
    public static final String ERASURE = "erasure";
    public static final Set<String> KINDS = Set.of(ACCESS, ERASURE);
    public static final String OPEN = "open";
    public static final String COMPLETED = "completed";
    public static final String REJECTED = "rejected";
    public static final Set<String> STATUSES = Set.of(OPEN, COMPLETED, REJECTED);
    /** How a request reached the operator; at most 16 characters (the column). */
    public static final java.util.List<String> CHANNELS = java.util.List.of("email", "letter", "form", "phone", "other");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "site_id", nullable = false, updatable = false)
    long siteId;

    @Column(name = "visitor_id", length = 64)
    String visitorId;

    @Column(nullable = false, updatable = false, length = 16)
    String kind;

    @Column(nullable = false, length = 16)
    String status;

    @Column(name = "received_at", nullable = false, updatable = false)
    Instant receivedAt;

    @Column(name = "due_at", nullable = false, updatable = false)
    Instant dueAt;

    @Column(name = "created_by", nullable = false, updatable = false, length = 200)
    String createdBy;

    @Column(name = "completed_at")
    Instant completedAt;

    @Column(name = "completed_by", length = 200)
    String completedBy;

    @Column(name = "erasure_id", length = 36)
    String erasureId;

    @Column(length = 16, updatable = false)
    String channel;

    protected DataSubjectRequest() {
    }

    DataSubjectRequest(long siteId, String visitorId, String kind, Instant receivedAt, String createdBy) {
        this.siteId = siteId;
        this.visitorId = visitorId;
        this.kind = kind;
        this.status = OPEN;
        this.receivedAt = receivedAt;
        this.dueAt = DsrDeadline.dueAt(receivedAt);
        this.createdBy = createdBy;
    }

    void close(String newStatus, Instant at, String by) {
        this.status = newStatus;
        this.completedAt = at;
        this.completedBy = by;
    }

    public Long getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getStatus() {
        return status;
    }
}
