package org.consentledger.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The append-only audit trail of operator actions: who, when, what, on which site, from where (truncated IP).
 * Joins the caller's transaction, so a change and its audit record commit together.
 */
@ApplicationScoped
public class AuditService {

    @Inject
    EntityManager em;

    @Inject
    ClientAddress clientAddress;

    @Inject
    ObjectMapper mapper;

    /** Records an action by the current caller (the token's user name, or "anonymous"). */
    @Transactional
    public void record(String action, String siteKey, String target, Map<String, ?> details) {
        recordAs(currentActor(), clientAddress.truncated(), action, siteKey, target, details);
    }

    /** Records an action by a named actor (e.g. "system", or the user a token is issued to). */
    @Transactional
    public void recordAs(String actor, String ip, String action, String siteKey, String target, Map<String, ?> details) {
        String json;
        try {
            json = details == null || details.isEmpty() ? null : mapper.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            json = null;
        }
        String from = ip != null ? ip : clientAddress.truncated();
        em.persist(new AuditEntry(Instant.now(), truncate(actor, 200), action, siteKey, truncate(target, 300), json, from));
    }

    /** Newest first; {@code beforeId} is the keyset cursor (id of the last entry of the previous page). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> query(String actor, String action, String siteKey, Instant from, Instant to, Long beforeId,
            int limit) {
        return query(new Filter(actor, action, null, siteKey, from, to), beforeId, null, limit);
    }

    /** Filters of the audit trail; {@code actionPrefix} matches every action that starts so (e.g. {@code account.}). */
    public record Filter(String actor, String action, String actionPrefix, String siteKey, Instant from, Instant to) {
    }

    /**
     * Newest first: the entries older than {@code beforeId}, or, with {@code afterId}, the {@code limit} entries just
     * newer than it (the page before), still newest first.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntry> query(Filter filter, Long beforeId, Long afterId, int limit) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        StringBuilder jpql = new StringBuilder("select a from AuditEntry a where 1 = 1").append(where(filter, params));
        if (beforeId != null) {
            jpql.append(" and a.id < :beforeId");
            params.put("beforeId", beforeId);
        }
        if (afterId != null) {
            jpql.append(" and a.id > :afterId");
            params.put("afterId", afterId);
        }
        jpql.append(afterId != null ? " order by a.id asc" : " order by a.id desc");
        TypedQuery<AuditEntry> query = em.createQuery(jpql.toString(), AuditEntry.class);
        params.forEach(query::setParameter);
        List<AuditEntry> entries = new java.util.ArrayList<>(query.setMaxResults(limit).getResultList());
        if (afterId != null) {
            java.util.Collections.reverse(entries);
        }
        return entries;
    }

    /** Whether an entry matching the filter is newer than {@code id} (a page before exists). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean anyNewer(Filter filter, long id) {
        return !query(filter, null, id, 1).isEmpty();
    }

    /** Matching entries, counted up to {@code cap + 1}: more than {@code cap} answers {@code cap + 1}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countCapped(Filter filter, long cap) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        String jpql = "select a.id from AuditEntry a where 1 = 1" + where(filter, params);
        TypedQuery<Long> query = em.createQuery(jpql, Long.class);
        params.forEach(query::setParameter);
        // reads ids only, at most cap + 1 of them: bounded whatever the size of the trail
        return query.setMaxResults((int) Math.min(Integer.MAX_VALUE, cap + 1)).getResultList().size();
    }

    private static String where(Filter f, Map<String, Object> params) {
        StringBuilder jpql = new StringBuilder();
        if (f.actor() != null) {
            jpql.append(" and a.actor = :actor");
            params.put("actor", f.actor());
        }
        if (f.action() != null) {
            jpql.append(" and a.action = :action");
            params.put("action", f.action());
        }
        if (f.actionPrefix() != null) {
            jpql.append(" and a.action like :actionPrefix escape '!'");
            params.put("actionPrefix", f.actionPrefix().replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%");
        }
        if (f.siteKey() != null) {
            jpql.append(" and a.siteKey = :siteKey");
            params.put("siteKey", f.siteKey());
        }
        if (f.from() != null) {
            jpql.append(" and a.occurredAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            jpql.append(" and a.occurredAt < :to");
            params.put("to", f.to());
        }
        return jpql.toString();
    }

    static String currentActor() {
        if (Arc.container().requestContext().isActive()) {
            SecurityIdentity identity = Arc.container().instance(SecurityIdentity.class).get();
            if (identity != null && !identity.isAnonymous()) {
                return identity.getPrincipal().getName();
            }
        }
        return "anonymous";
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
