package org.consentledger.operator;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 CSV cells. Cells a spreadsheet would take for a formula ({@code = + - @}, tab, CR at the start) get a
 * leading apostrophe, so an exported user agent or page URL cannot run as a formula (CSV injection).
 * Pure logic, no framework.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static void writeRow(Writer out, Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && (value instanceof CharSequence) && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
