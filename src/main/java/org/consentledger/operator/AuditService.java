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
        StringBuilder jpql = new StringBuilder("select a from AuditEntry a where 1 = 1");
        if (actor != null) {
            jpql.append(" and a.actor = :actor");
        }
        if (action != null) {
            jpql.append(" and a.action = :action");
        }
        if (siteKey != null) {
            jpql.append(" and a.siteKey = :siteKey");
        }
        if (from != null) {
            jpql.append(" and a.occurredAt >= :from");
        }
        if (to != null) {
            jpql.append(" and a.occurredAt < :to");
        }
        if (beforeId != null) {
            jpql.append(" and a.id < :beforeId");
        }
        jpql.append(" order by a.id desc");
        TypedQuery<AuditEntry> query = em.createQuery(jpql.toString(), AuditEntry.class);
        if (actor != null) {
            query.setParameter("actor", actor);
        }
        if (action != null) {
            query.setParameter("action", action);
        }
        if (siteKey != null) {
            query.setParameter("siteKey", siteKey);
        }
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        if (beforeId != null) {
            query.setParameter("beforeId", beforeId);
        }
        return query.setMaxResults(limit).getResultList();
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
