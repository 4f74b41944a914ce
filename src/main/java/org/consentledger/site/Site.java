package org.consentledger.site;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A website of an operator: its key, the origins allowed to call the visitor API, and retention. */
@Entity
@Table(name = "site")
public class Site extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "site_key", nullable = false, unique = true, length = 64)
    public String siteKey;

    @Column(nullable = false, length = 200)
    public String name;

    /** JSON array of origins, e.g. {@code ["https://example.com","http://localhost:*"]}. */
    @Column(name = "allowed_origins", nullable = false)
    public String allowedOrigins;

    @Column(name = "retention_days", nullable = false)
    public int retentionDays;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Optional<Site> findByKey(String siteKey) {
        return find("siteKey", siteKey).firstResultOptional();
    }
}
