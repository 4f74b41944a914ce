package org.consentledger.console;

/**
 * A stored, truncated client address as the network it stands for: IPv4 addresses are kept as their /24, IPv6 ones
 * as their /48 ({@code IpTruncation}), so "203.0.113.0" is shown as "203.0.113.0/24". Pure logic.
 */
public final class IpDisplay {

    private IpDisplay() {
    }

    public static String cidr(String truncated) {
        if (truncated == null || truncated.isBlank() || truncated.contains("/")) {
            return truncated == null ? "" : truncated;
        }
        return truncated + (truncated.contains(":") ? "/48" : "/24");
    }
}
