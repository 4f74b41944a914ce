package org.consentledger.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validated filters of a consent-log query or export, and the SQL condition they make. Pure logic.
 *
 * @param decision      {@code granted} or {@code denied}; needs {@code category}
 * @param visitorPrefix the first {@value #MIN_PREFIX} or more characters of a visitor id (not with {@code visitorId})
 */
public record ConsentLogFilter(Instant from, Instant to, String visitorId, String category, String decision,
        String method, String action, String visitorPrefix) {

    /** Shortest visitor-id prefix searched: 4 hex digits leave about one visitor in 65,536 to sort by time. */
    public static final int MIN_PREFIX = 4;
    /** Longest: a visitor id has at most 64 characters (the banner's are UUIDs, 36). */
    public static final int MAX_PREFIX = 64;

    public static final Set<String> ACTIONS = Set.of("given", "refused", "partial", "withdrawn");
    public static final Set<String> DECISIONS = Set.of("granted", "denied");
    private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.-]{" + MIN_PREFIX + "," + MAX_PREFIX + "}");

    public ConsentLogFilter(Instant from, Instant to, String visitorId, String category, String decision, String method,
            String action) {
        this(from, to, visitorId, category, decision, method, action, null);
    }

    /** Checks the values; a bad one answers 400 problem naming it. */
    public ConsentLogFilter {
        Map<String, String> errors = new LinkedHashMap<>();
        if (category != null && !CATEGORY.matcher(category).matches()) {
            errors.put("category", "letters, digits, _ and -");
        }
        if (decision != null && !DECISIONS.contains(decision)) {
            errors.put("decision", "granted or denied");
        }
        if (decision != null && category == null) {
            errors.put("decision", "needs a category");
        }
        if (action != null && !ACTIONS.contains(action)) {
            errors.put("action", "one of given, refused, partial, withdrawn");
        }
        if (method != null && !TOKEN.matcher(method).matches()) {
            errors.put("method", "a method name such as accept-all");
        }
        if (visitorId != null && !TOKEN.matcher(visitorId).matches()) {
            errors.put("visitor", "a visitor id");
        }
        if (visitorPrefix != null && !PREFIX.matcher(visitorPrefix).matches()) {
            errors.put("visitorPrefix", MIN_PREFIX + " to " + MAX_PREFIX + " letters, digits, _ . -");
        }
        if (visitorPrefix != null && visitorId != null) {
            errors.put("visitorPrefix", "either visitor or visitorPrefix");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.put("to", "must be after from");
        }
        if (!errors.isEmpty()) {
            throw OperatorProblems.badRequest("Invalid filter: " + errors);
        }
    }

    /** The WHERE condition (after {@code site_id = ?}) with its parameters appended to {@code params}. */
    public String sql(List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (from != null) {
            where.append(" AND recorded_at >= ?");
            params.add(java.sql.Timestamp.from(from));
        }
        if (to != null) {
            where.append(" AND recorded_at < ?");
            params.add(java.sql.Timestamp.from(to));
        }
        if (visitorId != null) {
            where.append(" AND visitor_id = ?");
            params.add(visitorId);
        }
        if (visitorPrefix != null) {
            // _ is a LIKE wildcard and may occur in a visitor id: escaped, so the prefix matches literally
            where.append(" AND visitor_id LIKE ? ESCAPE '!'");
            params.add(visitorPrefix.replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%");
        }
        if (action != null) {
            where.append(" AND action = ?");
            params.add(action);
        }
        if (method != null) {
            where.append(" AND method = ?");
            params.add(method);
        }
        if (category != null) {
            // category matches CATEGORY, so it is safe inside the JSON path literal
            String path = "'$.\"" + category + "\"'";
            if (decision == null) {
                where.append(" AND JSON_CONTAINS_PATH(decisions, 'one', ").append(path).append(") = 1");
            } else {
                where.append(" AND JSON_EXTRACT(decisions, ").append(path).append(") = ?");
                params.add("granted".equals(decision) ? "true" : "false");
            }
        }
        return where.toString();
    }

    /**
     * The index a query with these filters must use. MariaDB's optimizer tends to pick {@code ref} access on
     * {@code site_id} alone for {@code ORDER BY recorded_at ... LIMIT} with an upper time bound, scanning the site's
     * events from the newest one down (seconds on 10 M events); naming the index makes it a range scan that starts at
     * the bound. One visitor has few events (sorted in memory); action and method have their own time-ordered index.
     */
    public String index() {
        if (visitorId != null || visitorPrefix != null) {
            return "ix_consent_visitor";
        }
        if (action != null) {
            return "ix_consent_action";
        }
        if (method != null) {
            return "ix_consent_method";
        }
        return "ix_consent_time";
    }

    /** The filters as shown in the audit trail. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "from", from);
        put(m, "to", to);
        put(m, "visitor", visitorId);
        put(m, "visitorPrefix", visitorPrefix);
        put(m, "category", category);
        put(m, "decision", decision);
        put(m, "method", method);
        put(m, "action", action);
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v.toString());
        }
    }

    static List<Object> newParams() {
        return new ArrayList<>();
    }
}
