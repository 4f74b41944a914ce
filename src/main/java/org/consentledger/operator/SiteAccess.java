package org.consentledger.operator;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenant isolation for operator endpoints. {@code admin} reaches every site; {@code operator} reads and changes
 * the sites in its token's {@code sites} claim; {@code auditor} only reads them. A site outside the caller's scope
 * answers 404, exactly like a site that does not exist, so its existence does not leak.
 *
 * <p>Use it after {@code @RolesAllowed}: {@code siteAccess.requireRead(siteKey)} for reads,
 * {@code siteAccess.requireWrite(siteKey)} for changes.
 */
@RequestScoped
public class SiteAccess {

    /** A site the caller may access. */
    public record SiteRef(long id, String siteKey) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    @Inject
    EntityManager em;

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** User name of the caller. */
    public String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    /** Site keys of the token's {@code sites} claim (empty for none). */
    public Set<String> sites() {
        return sitesClaim(jwt == null ? null : jwt.getClaim(Roles.SITES_CLAIM));
    }

    /** True when the caller may read the site (admin, or the site is in its claim). */
    public boolean mayRead(String siteKey) {
        return isAdmin() || ((identity.hasRole(Roles.OPERATOR) || identity.hasRole(Roles.AUDITOR))
                && sites().contains(siteKey));
    }

    /** True when the caller may change the site (admin, or operator with the site in its claim). */
    public boolean mayWrite(String siteKey) {
        return isAdmin() || (identity.hasRole(Roles.OPERATOR) && sites().contains(siteKey));
    }

    /** The site if the caller may read it; otherwise 404 (never 200 with another tenant's data). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SiteRef requireRead(String siteKey) {
        if (!mayRead(siteKey)) {
            throw notFound(siteKey);
        }
        return lookup(siteKey);
    }

    /** The site if the caller may change it; 404 outside its scope, 403 for an auditor of the site. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SiteRef requireWrite(String siteKey) {
        if (!mayRead(siteKey)) {
            throw notFound(siteKey);
        }
        if (!mayWrite(siteKey)) {
            throw OperatorProblems.forbidden("Your role may read but not change site " + siteKey);
        }
        return lookup(siteKey);
    }

    /**
     * Site key → id of sites seen. Sites are never deleted and their key never changes, so a found id stays right;
     * misses are not cached. Saves a database round trip and an ORM query on every operator request.
     */
    private static final Map<String, Long> SITE_IDS = new ConcurrentHashMap<>();

    private SiteRef lookup(String siteKey) {
        Long cached = SITE_IDS.get(siteKey);
        if (cached != null) {
            return new SiteRef(cached, siteKey);
        }
        List<?> ids = em.createNativeQuery("SELECT id FROM site WHERE site_key = ?1")
                .setParameter(1, siteKey).getResultList();
        if (ids.isEmpty()) {
            throw notFound(siteKey);
        }
        long id = ((Number) ids.get(0)).longValue();
        if (SITE_IDS.size() < 10_000) {
            SITE_IDS.put(siteKey, id);
        }
        return new SiteRef(id, siteKey);
    }

    private static RuntimeException notFound(String siteKey) {
        return OperatorProblems.notFound("No site " + siteKey);
    }

    static Set<String> sitesClaim(Object claim) {
        Set<String> result = new LinkedHashSet<>();
        if (claim instanceof JsonArray) {
            for (JsonValue value : (JsonArray) claim) {
                if (value instanceof JsonString) {
                    result.add(((JsonString) value).getString());
                }
            }
        } else if (claim instanceof Collection) {
            for (Object value : (Collection<?>) claim) {
                result.add(String.valueOf(value));
            }
        } else if (claim instanceof JsonString) {
            add(result, ((JsonString) claim).getString());
        } else if (claim instanceof String) {
            add(result, (String) claim);
        }
        return result;
    }

    private static void add(Set<String> result, String spaceOrCommaSeparated) {
        for (String s : spaceOrCommaSeparated.split("[,\\s]+")) {
            if (!s.isEmpty()) {
                result.add(s);
            }
        }
    }
}
