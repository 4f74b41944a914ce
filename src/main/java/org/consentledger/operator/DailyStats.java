package org.consentledger.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-category counters of one day, and how one (action, decisions) group adds to them. Pure logic.
 *
 * <ul>
 * <li>accepted / rejected: the category granted / denied in a decision (given, refused, partial)</li>
 * <li>partial: decisions with action {@code partial} that covered the category</li>
 * <li>withdrawn: withdrawals that revoked the category</li>
 * <li>opt-in rate: accepted / (accepted + rejected)</li>
 * </ul>
 */
public final class DailyStats {

    /** Counters of one category. */
    public static final class Counts {
        public long accepted;
        public long rejected;
        public long partial;
        public long withdrawn;

        public Double optInRate() {
            long decided = accepted + rejected;
            return decided == 0 ? null : (double) accepted / decided;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, Counts> byCategory = new TreeMap<>();

    public Map<String, Counts> byCategory() {
        return byCategory;
    }

    /** Adds {@code count} events of {@code action} whose decisions JSON is {@code decisionsJson}. */
    public void add(String action, String decisionsJson, long count) {
        JsonNode decisions;
        try {
            decisions = MAPPER.readTree(decisionsJson);
        } catch (IOException e) {
            return;
        }
        if (decisions == null || !decisions.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = decisions.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            boolean granted = field.getValue().asBoolean(false);
            Counts c = byCategory.computeIfAbsent(field.getKey(), k -> new Counts());
            if ("withdrawn".equals(action)) {
                if (!granted) {
                    c.withdrawn += count;
                }
                continue;
            }
            if (granted) {
                c.accepted += count;
            } else {
                c.rejected += count;
            }
            if ("partial".equals(action)) {
                c.partial += count;
            }
        }
    }
}
