import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the cookie monitor's catalogue ({@code src/main/resources/monitor/cookie-catalogue.tsv}) from the Open Cookie
 * Database CSV (Apache-2.0, github.com/jkwakman/Open-Cookie-Database; attribution in NOTICE). Keeps only its factual
 * columns: name, wildcard (prefix pattern), platform, category, domain, retention as written, the retention as an
 * ISO-8601 lifetime the banner configuration accepts ("session", P1Y, P30D, PT30M; empty when unknown or above two
 * years), and the data controller. Descriptions are not copied.
 *
 * <pre>java tools/BuildCookieCatalogue.java ../shared/data/open-cookie-database/open-cookie-database.csv \
 *     src/main/resources/monitor/cookie-catalogue.tsv</pre>
 */
public class BuildCookieCatalogue {

    static final Pattern RETENTION = Pattern.compile("(\\d+)\\s*(year|month|week|day|hour|minute|second)s?", Pattern.CASE_INSENSITIVE);

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java tools/BuildCookieCatalogue.java <open-cookie-database.csv> <out.tsv>");
            System.exit(2);
        }
        List<List<String>> rows = parseCsv(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        int platform = header.indexOf("Platform");
        int category = header.indexOf("Category");
        int name = header.indexOf("Cookie / Data Key name");
        int domain = header.indexOf("Domain");
        int retention = header.indexOf("Retention period");
        int controller = header.indexOf("Data Controller");
        int wildcard = header.indexOf("Wildcard match");
        if (Math.min(Math.min(platform, category), Math.min(Math.min(name, domain), Math.min(retention, Math.min(controller, wildcard)))) < 0) {
            throw new IllegalStateException("unexpected columns: " + header);
        }
        TreeMap<String, String> out = new TreeMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() < header.size()) {
                continue;
            }
            String n = clean(row.get(name));
            if (n.isEmpty() || n.contains(" ")) {
                continue;
            }
            String wild = "1".equals(clean(row.get(wildcard))) ? "1" : "0";
            String key = n + "\t" + wild;
            out.putIfAbsent(key, String.join("\t", n, wild, clean(row.get(platform)), clean(row.get(category)),
                    clean(row.get(domain)), clean(row.get(retention)), maxAge(clean(row.get(retention))),
                    clean(row.get(controller))));
        }
        StringBuilder tsv = new StringBuilder("# Cookie catalogue of the Consent Ledger cookie monitor, built by tools/BuildCookieCatalogue.java\n"
                + "# from the Open Cookie Database (github.com/jkwakman/Open-Cookie-Database, Apache-2.0; see NOTICE).\n"
                + "# name\twildcard\tplatform\tcategory\tdomain\tretention\tmaxAge\tcontroller\n");
        out.values().forEach(line -> tsv.append(line).append('\n'));
        Files.writeString(Path.of(args[1]), tsv, StandardCharsets.UTF_8);
        System.out.println("[catalogue] " + out.size() + " entries -> " + args[1]);
    }

    /** The retention as a lifetime the banner configuration accepts, or "" (unknown, or longer than two years). */
    static String maxAge(String retention) {
        String r = retention.toLowerCase(Locale.ROOT);
        if (r.contains("session")) {
            return "session";
        }
        Matcher m = RETENTION.matcher(r);
        if (!m.find()) {
            return "";
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long days = switch (unit) {
            case "year" -> n * 365;
            case "month" -> n * 31;
            case "week" -> n * 7;
            case "day" -> n;
            default -> 0;
        };
        if (n == 0 || days > 731) {
            return "";
        }
        return switch (unit) {
            case "year" -> "P" + n + "Y";
            case "month" -> "P" + n + "M";
            case "week" -> "P" + (n * 7) + "D";
            case "day" -> "P" + n + "D";
            case "hour" -> "PT" + n + "H";
            case "minute" -> "PT" + n + "M";
            default -> "PT" + n + "S";
        };
    }

    static String clean(String s) {
        return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ").strip();
    }

    /** RFC 4180: quoted fields, doubled quotes, line breaks inside quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
