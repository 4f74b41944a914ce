package org.consentledger.operator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the consent log for operators: filtered keyset pages, streaming exports (CSV / NDJSON) and a visitor's
 * complete record. Plain JDBC on the datasource: read-only, and exports stream rows from the server in chunks
 * (constant memory) instead of loading them.
 */
@ApplicationScoped
public class ConsentLogService {

    static final String COLUMNS = "id, consent_id, recorded_at, visitor_id, action, method, decisions, config_version, "
            + "config_hash, language, gpc, page_url, ip_truncated, user_agent, service_decisions";
    static final String[] CSV_HEADER = { "consent_id", "recorded_at", "visitor_id", "action", "method", "decisions",
            "config_version", "config_hash", "language", "gpc", "page_url", "ip_truncated", "user_agent", "services" };
    private static final int EXPORT_FETCH_SIZE = 2000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    /** One page of events, newest first; {@code prevCursor} is set when newer matching events exist. */
    public record Page(List<Map<String, Object>> items, String nextCursor, String prevCursor) {
        public Page(List<Map<String, Object>> items, String nextCursor) {
            this(items, nextCursor, null);
        }
    }

    /** Number of matching events, counted up to a cap: {@code exact} false means "more than {@code count}". */
    public record Total(long count, boolean exact) {
    }

    /** Position after which the next page starts: (recorded_at, id) of the last row, opaque to clients. */
    record Cursor(Instant recordedAt, long id) {
        String encode() {
            String raw = recordedAt.getEpochSecond() + "." + recordedAt.getNano() + ":" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
        }

        static Cursor decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                int colon = raw.indexOf(':');
                int dot = raw.indexOf('.');
                Instant at = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)),
                        Long.parseLong(raw.substring(dot + 1, colon)));
                return new Cursor(at, Long.parseLong(raw.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw OperatorProblems.badRequest("cursor is not valid");
            }
        }
    }

    /**
     * A page of at most {@code limit} events matching the filter, ordered by (recorded_at, id) descending. The
     * cursor names the last row seen, so events that arrive while a client pages (they are newer) never shift or
     * repeat later pages.
     */
    public Page query(long siteId, ConsentLogFilter filter, String cursor, int limit) {
        return query(siteId, filter, cursor, false, limit);
    }

    /**
     * As {@link #query(long, ConsentLogFilter, String, int)}; with {@code previous} the cursor (a page's
     * {@code prevCursor}) names the first row of a page and the answer is the page of newer events before it.
     */
    public Page query(long siteId, ConsentLogFilter filter, String cursor, boolean previous, int limit) {
        if (previous && cursor == null) {
            throw OperatorProblems.badRequest("direction=prev needs a cursor");
        }
        List<Map<String, Object>> items = new ArrayList<>(limit);
        List<Cursor> positions = new ArrayList<>(limit);
        Cursor c = cursor == null ? null : Cursor.decode(cursor);
        boolean more;
        try (Connection connection = dataSource.getConnection()) {
            more = read(connection, siteId, filter, c, previous, limit + 1, items, positions);
            if (previous) {
                java.util.Collections.reverse(items);
                java.util.Collections.reverse(positions);
            }
            Cursor first = positions.isEmpty() ? null : positions.get(0);
            Cursor last = positions.isEmpty() ? null : positions.get(positions.size() - 1);
            String next = previous ? (last == null ? null : last.encode()) : (more ? last.encode() : null);
            String prev;
            if (previous) {
                prev = more ? first.encode() : null;
            } else if (c != null) {
                // came here by "next": newer events exist unless they were erased meanwhile; one row tells
                Cursor top = first == null ? c : first;
                prev = read(connection, siteId, filter, top, true, 1, new ArrayList<>(), new ArrayList<>())
                        ? top.encode() : null;
            } else {
                prev = null;
            }
            return new Page(items, next, prev);
        } catch (SQLException e) {
            throw new IllegalStateException("Consent log query failed", e);
        }
    }

    /**
     * Reads up to {@code limit} rows beyond {@code at} (older ones, or newer ones in ascending order when
     * {@code newer}) into {@code items}, keeping at most {@code limit - 1} when more than that matched; true when
     * {@code limit} rows were found (more exist beyond what is kept).
     */
    private boolean read(Connection connection, long siteId, ConsentLogFilter filter, Cursor at, boolean newer, int limit,
            List<Map<String, Object>> items, List<Cursor> positions) throws SQLException {
        List<Object> params = new ArrayList<>();
        params.add(siteId);
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM consent_event FORCE INDEX (").append(filter.index()).append(") WHERE site_id = ?")
                .append(filter.sql(params));
        if (at != null) {
            sql.append(newer ? " AND (recorded_at > ? OR (recorded_at = ? AND id > ?))"
                    : " AND (recorded_at < ? OR (recorded_at = ? AND id < ?))");
            params.add(Timestamp.from(at.recordedAt()));
            params.add(Timestamp.from(at.recordedAt()));
            params.add(at.id());
        }
        sql.append(newer ? " ORDER BY recorded_at ASC, id ASC LIMIT ?" : " ORDER BY recorded_at DESC, id DESC LIMIT ?");
        params.add(limit);
        int found = 0;
        try (PreparedStatement statement = prepare(connection, sql.toString(), params);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                found++;
                if (limit == 1 || found < limit) {
                    items.add(row(rs));
                    positions.add(new Cursor(rs.getTimestamp("recorded_at").toInstant(), rs.getLong("id")));
                }
            }
        }
        return found >= limit;
    }

    /**
     * How many events match, counting at most {@code cap + 1} index entries: an exact number up to {@code cap}, else
     * "more than {@code cap}" (a count over millions of events would take seconds for a number nobody pages through).
     */
    public Total count(long siteId, ConsentLogFilter filter, long cap) {
        List<Object> params = new ArrayList<>();
        params.add(siteId);
        String sql = "SELECT COUNT(*) FROM (SELECT 1 FROM consent_event FORCE INDEX (" + filter.index()
                + ") WHERE site_id = ?" + filter.sql(params) + " LIMIT ?) capped";
        params.add(cap + 1);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, params);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            long n = rs.getLong(1);
            return n > cap ? new Total(cap, false) : new Total(n, true);
        } catch (SQLException e) {
            throw new IllegalStateException("Consent log count failed", e);
        }
    }

    /** A visitor found by a search, with the number and time of its events. */
    public record VisitorMatch(String visitorId, long events, Instant lastSeen) {
    }

    /**
     * Visitors of the site whose id starts with {@code prefix} (or equals it, with {@code exact}), ordered by id, at
     * most {@code limit}. A range on {@code ix_consent_visitor}.
     */
    public List<VisitorMatch> visitorsByPrefix(long siteId, String prefix, int limit, boolean exact) {
        String sql = "SELECT visitor_id, COUNT(*), MAX(recorded_at) FROM consent_event FORCE INDEX (ix_consent_visitor)"
                + " WHERE site_id = ? AND " + (exact ? "visitor_id = ?" : "visitor_id LIKE ? ESCAPE '!'")
                + " GROUP BY visitor_id ORDER BY visitor_id LIMIT ?";
        String value = exact ? prefix : prefix.replace("!", "!!").replace("_", "!_").replace("%", "!%") + "%";
        List<VisitorMatch> out = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, sql, List.of(siteId, value, limit));
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                out.add(new VisitorMatch(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Visitor search failed", e);
        }
        return out;
    }

    /**
     * The visitor of a consent id on the site: empty when the site has no such consent, an empty inner value when the
     * consent's visitor id was erased.
     */
    public Optional<Optional<String>> visitorOfConsent(long siteId, String consentId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection,
                        "SELECT visitor_id FROM consent_event WHERE consent_id = ? AND site_id = ?", List.of(consentId, siteId));
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.of(Optional.ofNullable(rs.getString(1))) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("Consent lookup failed", e);
        }
    }

    /** Everything stored about one visitor of a site, oldest first (refusals and withdrawals included). */
    public List<Map<String, Object>> visitorEvents(long siteId, String visitorId) {
        List<Map<String, Object>> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = prepare(connection, "SELECT " + COLUMNS
                        + " FROM consent_event WHERE site_id = ? AND visitor_id = ? ORDER BY id", List.of(siteId, visitorId));
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                items.add(row(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Visitor query failed", e);
        }
        return items;
    }

    /** Output format of an export. */
    public enum Format {
        CSV, NDJSON
    }

    /**
     * Writes every matching event, oldest first, to {@code out}. Rows are streamed from the server
     * {@value #EXPORT_FETCH_SIZE} at a time and written through a small buffer: memory stays constant whatever the
     * size of the export. Returns the number of rows written.
     */
    public long export(long siteId, ConsentLogFilter filter, Format format, OutputStream out) throws IOException {
        List<Object> params = new ArrayList<>();
        params.add(siteId);
        String sql = "SELECT " + COLUMNS + " FROM consent_event FORCE INDEX (" + filter.index() + ") WHERE site_id = ?"
                + filter.sql(params) + " ORDER BY recorded_at, id";
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        // one generator for the whole export, rows separated by its root-value separator; never flushed per row
        // (a flush would go down to the HTTP response and send one chunk per row)
        JsonGenerator json = null;
        if (format == Format.NDJSON) {
            json = mapper.getFactory().createGenerator(writer);
            json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        }
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                // MariaDB Connector/J streams a result set with a fetch size: at most this many rows in memory
                statement.setFetchSize(EXPORT_FETCH_SIZE);
                bind(statement, params);
                try (ResultSet rs = statement.executeQuery()) {
                    if (format == Format.CSV) {
                        CsvWriter.writeRow(writer, (Object[]) CSV_HEADER);
                    }
                    while (rs.next()) {
                        if (json == null) {
                            writeCsv(writer, rs);
                        } else {
                            writeJson(json, rs);
                        }
                        rows++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("Export failed after " + rows + " rows", e);
        }
        if (json != null) {
            if (rows > 0) {
                json.writeRaw('\n');
            }
            json.flush();
        }
        writer.flush();
        return rows;
    }

    // column indexes of COLUMNS (1-based); by index, not by label, to save a lookup per cell on millions of rows
    private static final int C_CONSENT_ID = 2, C_RECORDED_AT = 3, C_VISITOR = 4, C_ACTION = 5, C_METHOD = 6,
            C_DECISIONS = 7, C_CONFIG_VERSION = 8, C_CONFIG_HASH = 9, C_LANGUAGE = 10, C_GPC = 11, C_PAGE_URL = 12,
            C_IP = 13, C_USER_AGENT = 14, C_SERVICES = 15;

    private static void writeCsv(Writer writer, ResultSet rs) throws SQLException, IOException {
        CsvWriter.writeRow(writer, rs.getString(C_CONSENT_ID), recordedAt(rs),
                rs.getString(C_VISITOR), rs.getString(C_ACTION), rs.getString(C_METHOD), rs.getString(C_DECISIONS),
                rs.getInt(C_CONFIG_VERSION), rs.getString(C_CONFIG_HASH), rs.getString(C_LANGUAGE),
                rs.getBoolean(C_GPC), rs.getString(C_PAGE_URL), rs.getString(C_IP), rs.getString(C_USER_AGENT),
                rs.getString(C_SERVICES));
    }

    /**
     * recorded_at as ISO instant. Read as LocalDateTime in the JVM's zone, as getTimestamp does, but without the
     * Calendar that getTimestamp builds for every value (a quarter of the export's CPU time in a profile).
     */
    private static String recordedAt(ResultSet rs) throws SQLException {
        return rs.getObject(C_RECORDED_AT, LocalDateTime.class).atZone(ZoneId.systemDefault()).toInstant().toString();
    }

    private static void writeJson(JsonGenerator g, ResultSet rs) throws SQLException, IOException {
        g.writeStartObject();
        g.writeStringField("consentId", rs.getString(C_CONSENT_ID));
        g.writeStringField("recordedAt", recordedAt(rs));
        g.writeStringField("visitorId", rs.getString(C_VISITOR));
        g.writeStringField("action", rs.getString(C_ACTION));
        g.writeStringField("method", rs.getString(C_METHOD));
        g.writeFieldName("decisions");
        g.writeRawValue(rs.getString(C_DECISIONS));
        g.writeNumberField("configVersion", rs.getInt(C_CONFIG_VERSION));
        g.writeStringField("configHash", rs.getString(C_CONFIG_HASH));
        g.writeStringField("language", rs.getString(C_LANGUAGE));
        g.writeBooleanField("gpc", rs.getBoolean(C_GPC));
        g.writeStringField("pageUrl", rs.getString(C_PAGE_URL));
        g.writeStringField("ipTruncated", rs.getString(C_IP));
        g.writeStringField("userAgent", rs.getString(C_USER_AGENT));
        // per-service decisions (objections to legitimate-interest services); only on events that carry them
        String services = rs.getString(C_SERVICES);
        if (services != null) {
            g.writeFieldName("services");
            g.writeRawValue(services);
        }
        g.writeEndObject();
    }

    private Map<String, Object> row(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("consentId", rs.getString("consent_id"));
        m.put("recordedAt", rs.getTimestamp("recorded_at").toInstant());
        m.put("visitorId", rs.getString("visitor_id"));
        m.put("action", rs.getString("action"));
        m.put("method", rs.getString("method"));
        m.put("decisions", parse(rs.getString("decisions")));
        m.put("configVersion", rs.getInt("config_version"));
        m.put("configHash", rs.getString("config_hash"));
        m.put("language", rs.getString("language"));
        m.put("gpc", rs.getBoolean("gpc"));
        m.put("pageUrl", rs.getString("page_url"));
        m.put("ipTruncated", rs.getString("ip_truncated"));
        m.put("userAgent", rs.getString("user_agent"));
        String services = rs.getString("service_decisions");
        if (services != null) {
            m.put("services", parse(services));
        }
        return m;
    }

    private Object parse(String json) {
        try {
            return mapper.readValue(json, JsonNode.class);
        } catch (IOException e) {
            return json;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        bind(statement, params);
        return statement;
    }

    static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
