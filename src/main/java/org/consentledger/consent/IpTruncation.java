package org.consentledger.consent;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Shortens client addresses before anything is stored: IPv4 to its /24, IPv6 to its /48.
 * The full address never leaves this class.
 */
public final class IpTruncation {

    private IpTruncation() {
    }

    /** The truncated address in textual form, or null when {@code address} is not an IP literal. */
    public static String truncate(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String literal = address.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!looksLikeIpLiteral(literal)) {
            return null;
        }
        try {
            InetAddress ip = InetAddress.getByName(literal);
            byte[] bytes = ip.getAddress();
            if (ip instanceof Inet4Address) {
                bytes[3] = 0;
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            if (ip instanceof Inet6Address) {
                for (int i = 6; i < 16; i++) {
                    bytes[i] = 0;
                }
                return compress(bytes);
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    /** Only IP literals: never trigger a DNS lookup for a host name. */
    private static boolean looksLikeIpLiteral(String s) {
        return !s.isEmpty() && s.length() <= 45 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                && (s.indexOf(':') >= 0 || s.chars().filter(c -> c == '.').count() == 3);
    }

    private static String compress(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        }
        return sb.append("::").toString();
    }
}
