package org.consentledger.operator;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Truncates client addresses before anything stores them: IPv4 to its /24, IPv6 to its /48.
 * Pure logic, no framework.
 */
public final class IpTruncation {

    private IpTruncation() {
    }

    /** The truncated form ({@code 203.0.113.0/24}, {@code 2001:db8:1::/48}); null or unparsable input gives null. */
    public static String truncate(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String a = address.trim();
        if (a.startsWith("[") && a.contains("]")) {
            a = a.substring(1, a.indexOf(']'));
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        // only literal addresses: never trigger a DNS lookup
        if (!a.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
        }
        if (isV4Mapped(bytes)) {
            return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + ".0/24";
        }
        int g1 = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
        int g2 = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        int g3 = ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff);
        return Integer.toHexString(g1) + ":" + Integer.toHexString(g2) + ":" + Integer.toHexString(g3) + "::/48";
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
