package org.consentledger.operator;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Deadlines of data-subject requests. GDPR Art. 12(3): information on action taken "without undue delay and in any
 * event within one month of receipt of the request". One calendar month in UTC; a month without the day ends on its
 * last day (31 January → 28/29 February), as {@link java.time.ZonedDateTime#plusMonths} does. Pure logic.
 */
public final class DsrDeadline {

    private DsrDeadline() {
    }

    public static Instant dueAt(Instant receivedAt) {
        return receivedAt.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    /** An open request past its due date. */
    public static boolean overdue(String status, Instant dueAt, Instant now) {
        return DataSubjectRequest.OPEN.equals(status) && now.isAfter(dueAt);
    }

    /** A request answered after its due date. */
    public static boolean answeredLate(Instant dueAt, Instant completedAt) {
        return completedAt != null && completedAt.isAfter(dueAt);
    }
}
