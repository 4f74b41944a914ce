package org.consentledger.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure logic of the operator area: no Quarkus, no database. */
class OperatorLogicTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void tokenBucketAllowsTheBurstThenAsksToWait() {
        long t = 0;
        TokenBucket bucket = new TokenBucket(3, 6, t); // one token every 10 s
        assertEquals(0, bucket.tryConsume(t));
        assertEquals(0, bucket.tryConsume(t));
        assertEquals(0, bucket.tryConsume(t));
        assertEquals(10, bucket.tryConsume(t));
        assertEquals(5, bucket.tryConsume(t + 5_000_000_000L));
        assertEquals(0, bucket.tryConsume(t + 10_000_000_000L));
        assertFalse(bucket.isFull(t + 10_000_000_000L));
        assertTrue(bucket.isFull(t + 60_000_000_000L));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
    }

    @Test
    void csvCellsAreQuotedAndFormulaSafe() throws Exception {
        StringWriter w = new StringWriter();
        CsvWriter.writeRow(w, "plain", "a,b", "say \"hi\"", "=HYPERLINK(\"x\")", null, 3, true, "line\nbreak");
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"x\"\")\",,3,true,\"line\nbreak\"\r\n",
                w.toString());
        assertEquals("'@SUM(A1)", CsvWriter.cell("@SUM(A1)"));
        assertEquals("-5", CsvWriter.cell(-5));
    }

    @Test
    void dataSubjectRequestsAreDueOneCalendarMonthAfterReceipt() {
        assertEquals(java.time.Instant.parse("2026-12-25T09:30:00Z"),
                DsrDeadline.dueAt(java.time.Instant.parse("2026-11-25T09:30:00Z")));
        // a month without the day ends on its last day
        assertEquals(java.time.Instant.parse("2027-02-28T23:00:00Z"),
                DsrDeadline.dueAt(java.time.Instant.parse("2027-01-31T23:00:00Z")));
        assertEquals(java.time.Instant.parse("2028-02-29T00:00:00Z"),
                DsrDeadline.dueAt(java.time.Instant.parse("2028-01-30T00:00:00Z")));
        java.time.Instant due = java.time.Instant.parse("2026-12-25T09:30:00Z");
        assertFalse(DsrDeadline.overdue("open", due, due));
        assertTrue(DsrDeadline.overdue("open", due, due.plusSeconds(1)));
        assertFalse(DsrDeadline.overdue("completed", due, due.plusSeconds(86_400)));
        assertFalse(DsrDeadline.answeredLate(due, due.minusSeconds(1)));
        assertTrue(DsrDeadline.answeredLate(due, due.plusSeconds(1)));
        assertFalse(DsrDeadline.answeredLate(due, null));
    }

    @Test
    void consentLogQueriesNameTheIndexThatMatchesTheirFilters() {
        assertEquals("ix_consent_time", new ConsentLogFilter(null, java.time.Instant.now(), null, "analytics", "denied",
                null, null).index());
        assertEquals("ix_consent_visitor", new ConsentLogFilter(null, null, "v1", null, null, "withdraw", "withdrawn").index());
        assertEquals("ix_consent_action", new ConsentLogFilter(null, null, null, null, null, "withdraw", "withdrawn").index());
        assertEquals("ix_consent_method", new ConsentLogFilter(null, null, null, null, null, "gpc", null).index());
    }

    @Test
    void dailyStatsCountPerCategory() {
        DailyStats s = new DailyStats();
        s.add("given", "{\"essential\":true,\"analytics\":true}", 6);
        s.add("refused", "{\"essential\":true,\"analytics\":false}", 3);
        s.add("partial", "{\"essential\":true,\"analytics\":false,\"marketing\":true}", 1);
        s.add("withdrawn", "{\"essential\":true,\"analytics\":false}", 2);
        s.add("given", "not json", 100);
        DailyStats.Counts analytics = s.byCategory().get("analytics");
        assertEquals(6, analytics.accepted);
        assertEquals(4, analytics.rejected);
        assertEquals(1, analytics.partial);
        assertEquals(2, analytics.withdrawn);
        assertEquals(0.6, analytics.optInRate(), 1e-9);
        assertEquals(10, s.byCategory().get("essential").accepted);
        assertEquals(0, s.byCategory().get("essential").withdrawn);
        assertEquals(1.0, s.byCategory().get("marketing").optInRate(), 1e-9);
    }

    @Test
    void consentLogFilterBuildsParameterisedSqlAndRejectsBadValues() {
        ConsentLogFilter f = new ConsentLogFilter(null, null, "v-1", "analytics", "granted", "accept-all", "given");
        List<Object> params = new ArrayList<>();
        String sql = f.sql(params);
        assertTrue(sql.contains("JSON_EXTRACT(decisions, '$.\"analytics\"') = ?"), sql);
        assertEquals(List.of("v-1", "given", "accept-all", "true"), params);
        assertThrows(RuntimeException.class, () -> new ConsentLogFilter(null, null, null, "x' OR 1=1 --", null, null, null));
        assertThrows(RuntimeException.class, () -> new ConsentLogFilter(null, null, null, null, "granted", null, null));
        assertThrows(RuntimeException.class, () -> new ConsentLogFilter(null, null, null, null, null, null, "deleted"));
    }

    @Test
    void cursorRoundTripsAndRejectsGarbage() {
        ConsentLogService.Cursor c = new ConsentLogService.Cursor(java.time.Instant.parse("2026-11-25T10:15:30.123456Z"), 42);
        assertEquals(c, ConsentLogService.Cursor.decode(c.encode()));
        assertThrows(RuntimeException.class, () -> ConsentLogService.Cursor.decode("!!nope"));
    }

    static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s.replace('\'', '"'));
    }

    static final String V1 = "{'cookie':{'name':'c','maxAgeDays':180},"
            + "'categories':[{'id':'essential','required':true,'title':{'de':'Notwendig'}},"
            + "{'id':'analytics','required':false,'title':{'de':'Statistik'},'description':{'de':'Reichweite'}}],"
            + "'services':[{'id':'clarity','category':'analytics','provider':'Microsoft','legalBasis':'consent',"
            + "'cookies':[{'name':'_clck','maxAge':'P1Y'},{'name':'_clsk','maxAge':'P1D'}]}],"
            + "'texts':{'de':{'title':'Cookies','acceptAll':'Alle akzeptieren'}}}";

    @Test
    void wordingChangesDoNotRequireReconsent() throws Exception {
        String v2 = V1.replace("'Alle akzeptieren'", "'Alles akzeptieren'").replace("'maxAgeDays':180", "'maxAgeDays':90")
                .replace("'texts':{'de':{", "'texts':{'en':{'title':'Cookies'},'de':{");
        ConfigDiff.Result d = ConfigDiff.diff(json(V1), json(v2));
        assertEquals(Map.of("de.acceptAll", List.of("value")), d.texts().changed());
        assertEquals(List.of("en.title"), d.texts().added());
        assertEquals(List.of("cookie"), d.otherChanged());
        assertFalse(d.reconsentRequired(), d.reasons().toString());
    }

    @Test
    void newOptionalCategoryServiceOrCookieRequiresReconsent() throws Exception {
        String v2 = V1.replace("{'name':'_clsk','maxAge':'P1D'}", "{'name':'_clsk','maxAge':'P1D'},{'name':'CLID','maxAge':'P1Y'}")
                .replace("'legalBasis':'consent'", "'legalBasis':'consent','thirdCountryTransfer':'USA (EU-US DPF)'")
                .replace("'categories':[", "'categories':[{'id':'marketing','required':false,'title':{'de':'Marketing'}},");
        ConfigDiff.Result d = ConfigDiff.diff(json(V1), json(v2));
        assertEquals(List.of("marketing"), d.categories().added());
        assertEquals(List.of("clarity/CLID"), d.cookies().added());
        assertEquals(Map.of("clarity", List.of("thirdCountryTransfer")), d.services().changed());
        assertTrue(d.reconsentRequired());
        assertEquals(3, d.reasons().size(), d.reasons().toString());
    }

    @Test
    void removalsAndShorterLifetimesDoNotRequireReconsentButLongerOnesDo() throws Exception {
        String shorter = V1.replace("{'name':'_clck','maxAge':'P1Y'},", "").replace("'maxAge':'P1D'", "'maxAge':'PT12H'");
        ConfigDiff.Result d = ConfigDiff.diff(json(V1), json(shorter));
        assertEquals(List.of("clarity/_clck"), d.cookies().removed());
        assertEquals(Map.of("clarity/_clsk", List.of("maxAge")), d.cookies().changed());
        assertFalse(d.reconsentRequired(), d.reasons().toString());

        ConfigDiff.Result longer = ConfigDiff.diff(json(V1), json(V1.replace("'maxAge':'P1D'", "'maxAge':'P2Y'")));
        assertTrue(longer.reconsentRequired());
        assertEquals(List.of("lifetime of cookie clarity/_clsk extended"), longer.reasons());
    }
}
