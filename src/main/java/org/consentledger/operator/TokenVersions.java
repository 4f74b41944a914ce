package org.consentledger.operator;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-account token versions (column {@code operator_account.token_version}). Every token the service issues carries
 * the version as claim {@code tv}; a request's token is accepted only while it equals the account's current version and
 * the account is enabled. Looked up at most once per {@link #CACHE_NANOS} per account and replica, so a revocation
 * (disable, role/site change, password change or reset, logout) reaches every replica within a second.
 */
@ApplicationScoped
public class TokenVersions {

    /** How long a looked-up version is trusted: the bound on how late a revocation takes effect. */
    static final long CACHE_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    /** The state of an account that tokens are checked against; empty when the account does not exist. */
    public record State(long version, boolean enabled) {
    }

    private record Cached(Optional<State> state, long loadedAt) {
    }

    @Inject
    AgroalDataSource dataSource;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** The account's current state, at most a second old. */
    public Optional<State> current(String username) {
        long now = System.nanoTime();
        Cached cached = cache.get(username);
        if (cached != null && now - cached.loadedAt() < CACHE_NANOS) {
            return cached.state();
        }
        Optional<State> state;
        try {
            state = load(username);
        } catch (SQLException e) {
            throw OperatorProblems.unavailable("The account store is not reachable; retry shortly");
        }
        if (cache.size() > MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(username, new Cached(state, now));
        return state;
    }

    /** Forgets this replica's cached state of an account (after a change made here). */
    public void forget(String username) {
        cache.remove(username);
    }

    /** Whether a token of {@code username} carrying version {@code tokenVersion} (null = none) is still valid. */
    public static boolean accepts(Optional<State> account, Long tokenVersion) {
        if (account.isEmpty()) {
            // no such local account: only tokens that never named a version (minted outside the token endpoint with
            // the service's key, e.g. by tooling) are let through; a versioned token of a vanished account is not
            return tokenVersion == null;
        }
        State state = account.get();
        return state.enabled() && tokenVersion != null && tokenVersion == state.version();
    }

    private Optional<State> load(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT token_version, enabled FROM operator_account WHERE username = ?")) {
            ps.setQueryTimeout(5);
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new State(rs.getLong(1), rs.getBoolean(2))) : Optional.empty();
            }
        }
    }
}
