package org.consentledger.operator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A local operator account; the password only as a bcrypt hash. */
@Entity
@Table(name = "operator_account")
public class OperatorAccount extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, length = 100)
    public String username;

    @Column(name = "password_hash", nullable = false, length = 100)
    public String passwordHash;

    /** Comma-separated roles. */
    @Column(nullable = false, length = 200)
    public String roles;

    /** Comma-separated site keys. */
    @Column(nullable = false)
    public String sites;

    @Column(nullable = false)
    public boolean enabled;

    /** Incremented to revoke every token issued before (claim {@code tv}, see TokenVersions). */
    @Column(name = "token_version", nullable = false)
    public long tokenVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<OperatorAccount> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    public Set<String> roleSet() {
        return split(roles);
    }

    public Set<String> siteSet() {
        return split(sites);
    }

    static String join(Set<String> values) {
        return String.join(",", values);
    }

    private static Set<String> split(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
