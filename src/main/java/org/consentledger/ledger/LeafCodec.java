package org.consentledger.ledger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consentledger.platform.CanonicalJson;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

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

    private static final int DECISIONS_CACHE_SIZE = 4096;
    private static final Map<String, Object> DECISIONS = new ConcurrentHashMap<>();

    private LeafCodec() {
    }

    /** The stored columns of a consent event that enter its leaf ({@code servicesJson} may be null). */
    public record ConsentRow(String siteKey, String consentId, String action, String method, String decisionsJson,
                             int configVersion, String configHash, String language, boolean gpc,
                             String bannerHash, byte[] personalCommitment, long recordedAtMicros,
                             String servicesJson) {
    }

    /**
     * The same columns as {@link ConsentRow} as the database's UTF-8 bytes (the verifier reads them without
     * decoding); the site key stays text. {@link #writeConsentLeaf(CanonicalJson.Writer, String, RawConsentRow,
     * DecisionCache)} writes the same leaf bytes as for the decoded values (LeafCodecTest checks it).
     */
    public record RawConsentRow(byte[] consentId, byte[] action, byte[] method, byte[] decisionsJson, int configVersion,
                                byte[] configHash, byte[] language, boolean gpc, byte[] bannerHash,
                                byte[] personalCommitment, long recordedAtMicros, byte[] servicesJson) {
    }

    /** A recorded erasure (ledger_erasure row). */
    public record ErasureRow(String siteKey, String erasureId, List<String> consentIds, String actor,
                             long recordedAtMicros) {
    }

    /** Server time as {@code YYYY-MM-DDTHH:MM:SS.ffffffZ} (UTC, always six fraction digits). */
    public static String time(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            return TIME.format(Instant.ofEpochSecond(seconds, Math.floorMod(micros, 1_000_000L) * 1000L));
        }
        int secondOfDay = (int) (seconds - days * 86_400L);
        char[] out = new char[27];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, (int) Math.floorMod(micros, 1_000_000L), 6);
        out[26] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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

    /**
     * The consent leaf's bytes, written member by member in canonical order (equal to
     * {@code CanonicalJson.bytes(consentFields(r))}, which LeafCodecTest checks) without building a map.
     */
    public static byte[] consentLeaf(ConsentRow r) {
        CanonicalJson.Writer w = new CanonicalJson.Writer(512);
        writeConsentLeaf(w, r);
        return w.toBytes();
    }

    /** Appends the consent leaf to {@code w} (for callers that reuse one buffer per thread). */
    public static void writeConsentLeaf(CanonicalJson.Writer w, ConsentRow r) {
        if (r.personalCommitment() == null || r.personalCommitment().length != PersonalCommitment.LENGTH) {
            throw new LeafException("personal commitment missing or not 32 bytes");
        }
        byte[] decisions = canonicalDecisions(r.decisionsJson());
        // member names in RFC 8785 order (UTF-16 code units), as consentFields' TreeMap sorts them
        w.raw("{\"action\":").string(r.action())
                .raw(",\"bannerHash\":").string(r.bannerHash())
                .raw(",\"configHash\":").string(r.configHash())
                .raw(",\"configVersion\":").integer(r.configVersion())
                .raw(",\"consentId\":").string(r.consentId())
                .raw(",\"decisions\":").raw(decisions)
                .raw(",\"gpc\":").bool(r.gpc())
                .raw(",\"language\":").string(r.language())
                .raw(",\"method\":").string(r.method())
                .raw(",\"personalCommitment\":\"").hex(r.personalCommitment())
                .raw("\",\"recordedAt\":\"").raw(time(r.recordedAtMicros())).raw("\"");
        if (r.servicesJson() != null) {
            w.raw(",\"services\":").raw(canonicalDecisions(r.servicesJson()));
        }
        w.raw(",\"siteKey\":").string(r.siteKey())
                .raw(",\"type\":\"consent\",\"v\":" + VERSION + "}");
    }

    /** As {@link #writeConsentLeaf(CanonicalJson.Writer, ConsentRow)}, from the stored bytes. */
    public static void writeConsentLeaf(CanonicalJson.Writer w, String siteKey, RawConsentRow r, DecisionCache cache) {
        if (r.personalCommitment() == null || r.personalCommitment().length != PersonalCommitment.LENGTH) {
            throw new LeafException("personal commitment missing or not 32 bytes");
        }
        byte[] decisions = cache.canonical(r.decisionsJson());
        w.raw("{\"action\":").stringUtf8(r.action())
                .raw(",\"bannerHash\":").stringUtf8(r.bannerHash())
                .raw(",\"configHash\":").stringUtf8(r.configHash())
                .raw(",\"configVersion\":").integer(r.configVersion())
                .raw(",\"consentId\":").stringUtf8(r.consentId())
                .raw(",\"decisions\":").raw(decisions)
                .raw(",\"gpc\":").bool(r.gpc())
                .raw(",\"language\":").stringUtf8(r.language())
                .raw(",\"method\":").stringUtf8(r.method())
                .raw(",\"personalCommitment\":\"").hex(r.personalCommitment())
                .raw("\",\"recordedAt\":\"").raw(time(r.recordedAtMicros())).raw("\"");
        if (r.servicesJson() != null) {
            w.raw(",\"services\":").raw(cache.canonical(r.servicesJson()));
        }
        w.raw(",\"siteKey\":").string(siteKey)
                .raw(",\"type\":\"consent\",\"v\":" + VERSION + "}");
    }

    /**
     * Canonical decision texts by their stored bytes, for one thread: a site's events repeat a handful of texts,
     * so the last sixteen are compared byte for byte before the shared cache is asked.
     */
    public static final class DecisionCache {
        private static final int SIZE = 16;
        private final byte[][] keys = new byte[SIZE][];
        private final byte[][] values = new byte[SIZE][];
        private int next;

        public byte[] canonical(byte[] json) {
            if (json == null) {
                throw new LeafException("decisions are missing");
            }
            for (int i = 0; i < SIZE; i++) {
                if (keys[i] != null && java.util.Arrays.equals(keys[i], json)) {
                    return values[i];
                }
            }
            byte[] canonical = canonicalDecisions(new String(json, java.nio.charset.StandardCharsets.UTF_8));
            keys[next] = json;
            values[next] = canonical;
            next = (next + 1) % SIZE;
            return canonical;
        }
    }

    public static byte[] erasureLeaf(ErasureRow r) {
        return CanonicalJson.bytes(erasureFields(r));
    }

    /**
     * Canonical bytes of a stored decisions text. A site's events carry few distinct decision texts, so
     * the parsed result (or the reason it is malformed) is cached by the exact text.
     */
    static byte[] canonicalDecisions(String json) {
        if (json == null) {
            throw new LeafException("decisions are missing");
        }
        Object cached = DECISIONS.get(json);
        if (cached == null) {
            try {
                cached = CanonicalJson.bytes(decisions(json));
            } catch (LeafException e) {
                cached = e.getMessage();
            }
            if (DECISIONS.size() >= DECISIONS_CACHE_SIZE) {
                DECISIONS.clear();
            }
            DECISIONS.put(json, cached);
        }
        if (cached instanceof String reason) {
            throw new LeafException(reason);
        }
        return (byte[]) cached;
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
