package org.consentledger.config;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * One published, immutable banner-configuration version. {@code content} is the RFC 8785 canonical
 * JSON; {@code contentHash} is the hex SHA-256 of exactly those bytes.
 */
@Entity
@Immutable
@Table(name = "config_version")
public class ConfigVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "site_id", nullable = false, updatable = false)
    private long siteId;

    @Column(nullable = false, updatable = false)
    private int version;

    @Column(nullable = false, updatable = false)
    private String content;

    @Column(name = "content_hash", nullable = false, updatable = false, length = 64)
    private String contentHash;

    @Column(name = "published_at", nullable = false, updatable = false)
    private Instant publishedAt;

    @Column(name = "published_by", updatable = false)
    private String publishedBy;

    protected ConfigVersion() {
    }

    ConfigVersion(long siteId, int version, String content, String contentHash, Instant publishedAt, String publishedBy) {
        this.siteId = siteId;
        this.version = version;
        this.content = content;
        this.contentHash = contentHash;
        this.publishedAt = publishedAt;
        this.publishedBy = publishedBy;
    }

    public Long id() {
        return id;
    }

    public long siteId() {
        return siteId;
    }

    public int version() {
        return version;
    }

    public String content() {
        return content;
    }

    public String contentHash() {
        return contentHash;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public String publishedBy() {
        return publishedBy;
    }
}
