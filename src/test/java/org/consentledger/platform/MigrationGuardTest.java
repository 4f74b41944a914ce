package org.consentledger.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 item 7: schema changes on the big tables must not stall a Galera cluster. Galera runs DDL in total order
 * (TOI): while an ALTER TABLE copies or rebuilds {@code consent_event}, every node holds its writes to it, i.e. all
 * consent ingest answers 503. So every migration that alters a big table names its algorithm, which makes MariaDB
 * refuse the migration instead of silently copying the table: {@code ALGORITHM=INSTANT} (metadata only), or
 * {@code ALGORITHM=INPLACE}/{@code NOCOPY} with {@code LOCK=NONE}; an added index is {@code IF NOT EXISTS}, so an
 * operator can build it beforehand node by node (rolling schema upgrade, docs/DEPLOY.md section 9) and the migration
 * is a no-op by then; and no migration rewrites the rows of a big table (UPDATE/DELETE: one unbounded write set,
 * {@code wsrep_max_ws_size}). Migrations from before this rule are listed with what they do in DEPLOY.md.
 */
class MigrationGuardTest {

    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** Tables that grow with traffic: one row (or more) per consent, leaf, checkpoint or audited action. */
    static final Set<String> BIG_TABLES = Set.of("consent_event", "ledger_leaf", "ledger_tile", "ledger_checkpoint",
            "ledger_erasure", "operator_audit", "monitor_observation", "operator_stats_rollup");

    /**
     * Migrations that were applied before the rule and cannot change any more (Flyway checks their checksums); what
     * each one does to a big table is in docs/DEPLOY.md, section 9 ("Migrations so far").
     */
    static final Set<String> BEFORE_THE_RULE = Set.of(
            "V2__ledger.sql",                   // CREATE INDEX ix_consent_site_id ON consent_event
            "V4__operator_stats_dsr.sql",       // CREATE INDEX ix_consent_action / ix_consent_method ON consent_event
            "V7__service_decisions.sql",        // ADD COLUMN (instant by default, but not stated)
            "V18_1__idempotency_fingerprint.sql" // ADD COLUMN x2 (instant), UPDATE of keyed rows, unique index swap
    );

    static final Pattern ALTER = Pattern.compile("^ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:IF\\s+EXISTS\\s+)?`?(\\w+)`?");
    static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\s+(IF\\s+NOT\\s+EXISTS\\s+)?`?\\w+`?"
                    + "(?:\\s+USING\\s+\\w+)?\\s+ON\\s+`?(\\w+)`?");
    static final Pattern DROP_INDEX = Pattern.compile("^DROP\\s+INDEX\\s+(?:IF\\s+EXISTS\\s+)?`?\\w+`?\\s+ON\\s+`?(\\w+)`?");
    static final Pattern ROW_REWRITE = Pattern.compile("^(?:UPDATE|DELETE\\s+FROM|DELETE|INSERT\\s+INTO|REPLACE\\s+INTO|INSERT)\\s+(?:LOW_PRIORITY\\s+|IGNORE\\s+)*`?(\\w+)`?");
    static final Pattern TRUNCATE = Pattern.compile("^TRUNCATE\\s+(?:TABLE\\s+)?`?(\\w+)`?");
    static final Pattern ALGORITHM = Pattern.compile("\\bALGORITHM\\s*=?\\s*(\\w+)");
    static final Pattern LOCK_NONE = Pattern.compile("\\bLOCK\\s*=?\\s*NONE\\b");
    static final Pattern ADDS_INDEX = Pattern.compile("\\bADD\\s+(?:CONSTRAINT\\s+`?\\w+`?\\s+)?(?:UNIQUE|INDEX|KEY|FULLTEXT|SPATIAL|PRIMARY)\\b");
    static final Pattern ADDS_INDEX_IF_NOT_EXISTS = Pattern.compile(
            "\\bADD\\s+(?:CONSTRAINT\\s+`?\\w+`?\\s+)?(?:UNIQUE\\s+)?(?:INDEX|KEY)?\\s*IF\\s+NOT\\s+EXISTS\\b");

    @Test
    void migrationsChangeBigTablesOnlyWithoutCopyingOrRewritingThem() throws IOException {
        Map<String, List<String>> violations = new TreeMap<>();
        List<String> files;
        try (Stream<Path> s = Files.list(MIGRATIONS)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "migrations found in " + MIGRATIONS + ": " + files);
        for (String file : files) {
            List<String> found = violations(Files.readString(MIGRATIONS.resolve(file), StandardCharsets.UTF_8));
            if (!found.isEmpty()) {
                violations.put(file, found);
            }
        }
        Map<String, List<String>> newOnes = new TreeMap<>(violations);
        newOnes.keySet().removeAll(BEFORE_THE_RULE);
        assertEquals(Map.of(), newOnes, "Migrations that would stall a Galera cluster or write one huge write set on a big"
                + " table. Name the algorithm (ALGORITHM=INSTANT, or ALGORITHM=INPLACE, LOCK=NONE), add indexes IF NOT EXISTS,"
                + " and move row rewrites out of the migration (docs/DEPLOY.md section 9, 'Big tables on Galera')");
        // the list of old migrations cannot hide a new statement: each one listed still exists and still needs listing
        for (String old : BEFORE_THE_RULE) {
            assertTrue(violations.containsKey(old), old + " is listed in BEFORE_THE_RULE but exists no more or follows the rule");
        }
    }

    @Test
    void theRuleItself() {
        assertEquals(1, violations("ALTER TABLE consent_event ADD COLUMN x INT NULL;").size());
        assertEquals(List.of(), violations("ALTER TABLE consent_event ADD COLUMN x INT NULL, ALGORITHM=INSTANT;"));
        assertEquals(List.of(), violations("-- comment\nALTER TABLE `consent_event`\n  ADD COLUMN x INT NULL,\n  ALGORITHM = INSTANT;"));
        assertEquals(1, violations("ALTER TABLE consent_event ADD COLUMN x INT NULL, ALGORITHM=COPY;").size());
        assertEquals(1, violations("ALTER TABLE ledger_leaf MODIFY sealed_at TIMESTAMP(6) NULL, ALGORITHM=INPLACE;").size(),
                "INPLACE without LOCK=NONE");
        assertEquals(List.of(), violations("ALTER TABLE ledger_leaf MODIFY sealed_at TIMESTAMP(6) NULL, ALGORITHM=INPLACE, LOCK=NONE;"));
        assertEquals(1, violations("ALTER TABLE consent_event ADD INDEX ix_x (site_id), ALGORITHM=INPLACE, LOCK=NONE;").size(),
                "an added index without IF NOT EXISTS");
        assertEquals(List.of(), violations("ALTER TABLE consent_event ADD INDEX IF NOT EXISTS ix_x (site_id), ALGORITHM=INPLACE, LOCK=NONE;"));
        assertEquals(2, violations("CREATE INDEX ix_x ON consent_event (site_id);").size(), "no algorithm, no IF NOT EXISTS");
        assertEquals(1, violations("CREATE INDEX IF NOT EXISTS ix_x ON consent_event (site_id);").size());
        assertEquals(List.of(), violations("CREATE INDEX IF NOT EXISTS ix_x ON consent_event (site_id) ALGORITHM=INPLACE LOCK=NONE;"));
        assertEquals(1, violations("UPDATE consent_event SET method = 'x' WHERE id > 0;").size());
        assertEquals(1, violations("DELETE FROM ledger_tile WHERE level = 0;").size());
        assertEquals(1, violations("INSERT INTO operator_audit (actor) SELECT actor FROM operator_audit;").size());
        // small tables, and a big table created in the same migration (still empty), are not restricted
        assertEquals(List.of(), violations("ALTER TABLE operator_account ADD COLUMN token_version BIGINT NOT NULL DEFAULT 0;"));
        assertEquals(List.of(), violations("UPDATE site SET name = 'x';"));
        assertEquals(List.of(), violations("CREATE TABLE monitor_observation (id BIGINT PRIMARY KEY);"
                + " CREATE INDEX ix_mo ON monitor_observation (id);"));
        // a semicolon inside a string or comment does not split the statement
        assertEquals(1, violations("/* ; */ ALTER TABLE consent_event COMMENT = 'a;b' ;").size());
    }

    /** What in {@code sql} breaks the rule, one line per statement. */
    static List<String> violations(String sql) {
        List<String> out = new ArrayList<>();
        Set<String> createdHere = new java.util.HashSet<>();
        for (String statement : statements(sql)) {
            String s = statement.replaceAll("\\s+", " ").trim();
            String upper = s.toUpperCase(Locale.ROOT);
            Matcher created = Pattern.compile("^CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)`?").matcher(upper);
            if (created.find()) {
                createdHere.add(created.group(1).toLowerCase(Locale.ROOT));
                continue;
            }
            String table = null;
            boolean ddl = true;
            boolean indexAdded = false;
            boolean ifNotExists = false;
            Matcher m;
            if ((m = ALTER.matcher(upper)).find()) {
                table = m.group(1);
                indexAdded = ADDS_INDEX.matcher(upper).find();
                ifNotExists = ADDS_INDEX_IF_NOT_EXISTS.matcher(upper).find();
            } else if ((m = CREATE_INDEX.matcher(upper)).find()) {
                table = m.group(2);
                indexAdded = true;
                ifNotExists = m.group(1) != null;
            } else if ((m = DROP_INDEX.matcher(upper)).find()) {
                table = m.group(1);
            } else if ((m = ROW_REWRITE.matcher(upper)).find() || (m = TRUNCATE.matcher(upper)).find()) {
                // an INSERT of literal rows is small; INSERT ... SELECT copies rows like an UPDATE rewrites them
                if (!upper.startsWith("INSERT") && !upper.startsWith("REPLACE") || upper.contains(" SELECT ")) {
                    table = m.group(1);
                    ddl = false;
                }
            }
            if (table == null) {
                continue;
            }
            table = table.toLowerCase(Locale.ROOT);
            if (!BIG_TABLES.contains(table) || createdHere.contains(table)) {
                continue;
            }
            String shortened = s.length() > 120 ? s.substring(0, 117) + "..." : s;
            if (!ddl) {
                out.add("rewrites rows of big table " + table + " (one write set for the whole table): " + shortened);
                continue;
            }
            Matcher algorithm = ALGORITHM.matcher(upper);
            if (!algorithm.find()) {
                out.add("no ALGORITHM clause on big table " + table + ": " + shortened);
            } else {
                String a = algorithm.group(1);
                if (!a.equals("INSTANT") && !((a.equals("INPLACE") || a.equals("NOCOPY")) && LOCK_NONE.matcher(upper).find())) {
                    out.add("ALGORITHM=" + a + (a.equals("COPY") ? "" : " without LOCK=NONE") + " on big table " + table + ": " + shortened);
                }
            }
            if (indexAdded && !ifNotExists) {
                out.add("index added to big table " + table + " without IF NOT EXISTS (cannot be built beforehand): " + shortened);
            }
        }
        return out;
    }

    /** The statements of a migration: comments removed, split at semicolons outside quotes. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i) || c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
                current.append(' ');
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                current.append(' ');
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < sql.length() && sql.charAt(end) != c) {
                    end += sql.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, sql.length());
                current.append(sql, i, end);
                i = end;
            } else if (c == ';') {
                out.add(current.toString());
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        return out.stream().filter(s -> !s.isBlank()).toList();
    }
}
