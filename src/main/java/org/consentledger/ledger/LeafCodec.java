package org.consentledger.ledger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Leaf encoding (docs/LEDGER.md "Leaves"): the RFC 8785 bytes of a JSON object with the event's
 * non-personal fields and the personal commitment. Two leaf types: {@code consent} and {@code erasure}.
 */
public final class LeafCodec {

    public static final int VERSION = 1;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private LeafCodec() {
    }

    /** The stored columns of a consent event that enter its leaf ({@code servicesJson} may be null). */
    public record ConsentRow(String siteKey, String consentId, String action, String method, String decisionsJson,
                             int configVersion, String configHash, String language, boolean gpc,
                             String bannerHash, byte[] personalCommitment, long recordedAtMicros,
                             String servicesJson) {
    }

    /** A recorded erasure (ledger_erasure row). */
    public record ErasureRow(String siteKey, String erasureId, List<String> consentIds, String actor,
                             long recordedAtMicros) {
    }

    public static String time(long micros) {
        return TIME.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L));
    }

    public static Map<String, Object> consentFields(ConsentRow r) {
        if (r.personalCommitment() == null || r.personalCommitment().length != PersonalCommitment.LENGTH) {
            throw new LeafException("personal commitment missing or not 32 bytes");
        }
        Map<String, Object> m = new TreeMap<>();
        m.put("type", "consent");
        m.put("v", VERSION);
        m.put("siteKey", r.siteKey());
        m.put("consentId", r.consentId());
        m.put("action", r.action());
        m.put("method", r.method());
        m.put("decisions", decisions(r.decisionsJson()));
        m.put("configVersion", r.configVersion());
        m.put("configHash", r.configHash());
        m.put("language", r.language());
        m.put("gpc", r.gpc());
        m.put("bannerHash", r.bannerHash());
        m.put("personalCommitment", HexFormat.of().formatHex(r.personalCommitment()));
        m.put("recordedAt", time(r.recordedAtMicros()));
        if (r.servicesJson() != null) {
            m.put("services", decisions(r.servicesJson())); // only events that carry them: older leaves stay unchanged
        }
        return m;
    }

    public static Map<String, Object> erasureFields(ErasureRow r) {
        List<String> ids = new ArrayList<>(r.consentIds());
        ids.sort(null);
        Map<String, Object> m = new TreeMap<>();
        m.put("type", "erasure");
        m.put("v", VERSION);
        m.put("siteKey", r.siteKey());
        m.put("erasureId", r.erasureId());
        m.put("consentIds", ids);
        m.put("eventsErased", ids.size());
        m.put("actor", r.actor());
        m.put("recordedAt", time(r.recordedAtMicros()));
        return m;
    }

    public static byte[] consentLeaf(ConsentRow r) {
        return Jcs.bytes(consentFields(r));
    }

    public static byte[] erasureLeaf(ErasureRow r) {
        return Jcs.bytes(erasureFields(r));
    }

    /** Parses the stored decisions text: a JSON object whose values are all booleans. */
    public static Map<String, Object> decisions(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (Exception e) {
            throw new LeafException("decisions are not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new LeafException("decisions are not a JSON object");
        }
        Map<String, Object> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isBoolean()) {
                throw new LeafException("decision for '" + e.getKey() + "' is not a boolean");
            }
            out.put(e.getKey(), e.getValue().booleanValue());
        }
        return out;
    }

    public static List<String> stringList(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            List<String> out = new ArrayList<>();
            if (node == null || !node.isArray()) {
                throw new LeafException("not a JSON array");
            }
            for (JsonNode n : node) {
                if (!n.isTextual()) {
                    throw new LeafException("not a string");
                }
                out.add(n.asText());
            }
            return out;
        } catch (LeafException e) {
            throw e;
        } catch (Exception e) {
            throw new LeafException("not valid JSON");
        }
    }

    public static final class LeafException extends RuntimeException {
        public LeafException(String message) {
            super(message);
        }
    }
}
