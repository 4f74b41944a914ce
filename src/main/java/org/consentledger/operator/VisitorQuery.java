package org.consentledger.operator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator typed to find a visitor: a receipt URL ({@code …/api/v1/receipts/{consentId}}), a whole id (a
 * visitor id or a consent id: both are UUIDs), or the beginning of a visitor id. Pure logic.
 */
public record VisitorQuery(Kind kind, String value) {

    public enum Kind {
        /** a consent id taken from a receipt URL */
        RECEIPT,
        /** a whole id: a visitor id, or else a consent id */
        WHOLE,
        /** the beginning of a visitor id */
        PREFIX,
        /** nothing a visitor id, consent id or receipt URL can look like */
        INVALID
    }

    static final int MIN_PREFIX = ConsentLogFilter.MIN_PREFIX;
    private static final Pattern RECEIPT = Pattern.compile(".*/receipts/([0-9a-fA-F-]{36})(?:[/?#].*)?");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ID_CHARS = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public static VisitorQuery parse(String text) {
        String q = text == null ? "" : text.strip();
        Matcher receipt = RECEIPT.matcher(q);
        if (receipt.matches() && UUID.matcher(receipt.group(1)).matches()) {
            return new VisitorQuery(Kind.RECEIPT, receipt.group(1).toLowerCase());
        }
        if (!ID_CHARS.matcher(q).matches()) {
            return new VisitorQuery(Kind.INVALID, q);
        }
        if (UUID.matcher(q).matches() || q.length() >= 36) {
            return new VisitorQuery(Kind.WHOLE, q);
        }
        return q.length() >= MIN_PREFIX ? new VisitorQuery(Kind.PREFIX, q) : new VisitorQuery(Kind.INVALID, q);
    }
}
