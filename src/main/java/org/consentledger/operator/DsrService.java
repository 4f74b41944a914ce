package org.consentledger.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tracking of data-subject requests per site: record, answer (by the DSR export / erasure), reject, list. */
@ApplicationScoped
public class DsrService {

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** A page of requests, newest first, with the site's open and overdue counts. */
    public record Listing(List<DataSubjectRequest> items, long open, long overdue) {
    }

    @Transactional
    public DataSubjectRequest create(long siteId, String visitorId, String kind, Instant receivedAt, String actor) {
        return create(siteId, visitorId, kind, receivedAt, actor, null);
    }

    /** Records a request; {@code channel} (one of {@link DataSubjectRequest#CHANNELS}) says how it arrived. */
    @Transactional
    public DataSubjectRequest create(long siteId, String visitorId, String kind, Instant receivedAt, String actor,
            String channel) {
        DataSubjectRequest r = new DataSubjectRequest(siteId, visitorId, kind,
                (receivedAt == null ? clock.instant() : receivedAt).truncatedTo(ChronoUnit.MICROS), actor);
        r.channel = channel;
        em.persist(r);
        return r;
    }

    /**
     * Marks the visitor's open requests of {@code kind} as completed by {@code actor}; records (and completes) one
     * received now when none was open. For an erasure, every request of the visitor on the site loses the visitor id
     * and names the erasure instead. Returns the ids of the requests completed.
     */
    @Transactional
    public List<Long> answer(long siteId, String visitorId, String kind, String actor, String erasureId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<DataSubjectRequest> open = em.createQuery("select r from DataSubjectRequest r where r.siteId = :site "
                + "and r.visitorId = :visitor and r.kind = :kind and r.status = :open order by r.id",
                DataSubjectRequest.class).setParameter("site", siteId).setParameter("visitor", visitorId)
                .setParameter("kind", kind).setParameter("open", DataSubjectRequest.OPEN).getResultList();
        List<DataSubjectRequest> answered = new ArrayList<>(open);
        if (answered.isEmpty()) {
            DataSubjectRequest r = new DataSubjectRequest(siteId, visitorId, kind, now, actor);
            em.persist(r);
            answered.add(r);
        }
        for (DataSubjectRequest r : answered) {
            r.close(DataSubjectRequest.COMPLETED, now, actor);
        }
        if (DataSubjectRequest.ERASURE.equals(kind)) {
            em.flush();
            em.createQuery("update DataSubjectRequest r set r.visitorId = null, r.erasureId = :erasure "
                    + "where r.siteId = :site and r.visitorId = :visitor").setParameter("erasure", erasureId)
                    .setParameter("site", siteId).setParameter("visitor", visitorId).executeUpdate();
        }
        return answered.stream().map(DataSubjectRequest::getId).toList();
    }

    /** Closes an open request without carrying it out (e.g. identity not verified); false when it was not open. */
    @Transactional
    public boolean reject(DataSubjectRequest r, String actor) {
        if (!DataSubjectRequest.OPEN.equals(r.status)) {
            return false;
        }
        r.close(DataSubjectRequest.REJECTED, clock.instant().truncatedTo(ChronoUnit.MICROS), actor);
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DataSubjectRequest> find(long siteId, long id) {
        DataSubjectRequest r = em.find(DataSubjectRequest.class, id);
        return r == null || r.siteId != siteId ? Optional.empty() : Optional.of(r);
    }

    /** Newest first; {@code status} and {@code overdueOnly} filter, {@code beforeId} is the keyset cursor. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Listing list(long siteId, String status, boolean overdueOnly, Long beforeId, int limit) {
        Instant now = clock.instant();
        StringBuilder jpql = new StringBuilder("select r from DataSubjectRequest r where r.siteId = :site");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("site", siteId);
        if (overdueOnly) {
            jpql.append(" and r.status = :open and r.dueAt < :now");
            params.put("open", DataSubjectRequest.OPEN);
            params.put("now", now);
        } else if (status != null) {
            jpql.append(" and r.status = :status");
            params.put("status", status);
        }
        if (beforeId != null) {
            jpql.append(" and r.id < :before");
            params.put("before", beforeId);
        }
        jpql.append(" order by r.id desc");
        var query = em.createQuery(jpql.toString(), DataSubjectRequest.class);
        params.forEach(query::setParameter);
        List<DataSubjectRequest> items = query.setMaxResults(limit).getResultList();
        long open = em.createQuery("select count(r) from DataSubjectRequest r where r.siteId = :site and r.status = :open",
                Long.class).setParameter("site", siteId).setParameter("open", DataSubjectRequest.OPEN).getSingleResult();
        long overdue = em.createQuery("select count(r) from DataSubjectRequest r where r.siteId = :site "
                + "and r.status = :open and r.dueAt < :now", Long.class).setParameter("site", siteId)
                .setParameter("open", DataSubjectRequest.OPEN).setParameter("now", now).getSingleResult();
        return new Listing(items, open, overdue);
    }

    /** A request as shown to operators, with its deadline state. */
    public Map<String, Object> view(DataSubjectRequest r) {
        Instant now = clock.instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id);
        m.put("kind", r.kind);
        m.put("status", r.status);
        m.put("visitorId", r.visitorId);
        m.put("receivedAt", r.receivedAt);
        m.put("dueAt", r.dueAt);
        m.put("overdue", DsrDeadline.overdue(r.status, r.dueAt, now));
        m.put("answeredLate", DsrDeadline.answeredLate(r.dueAt, r.completedAt));
        m.put("createdBy", r.createdBy);
        m.put("completedAt", r.completedAt);
        m.put("completedBy", r.completedBy);
        m.put("erasureId", r.erasureId);
        m.put("channel", r.channel);
        return m;
    }
}
