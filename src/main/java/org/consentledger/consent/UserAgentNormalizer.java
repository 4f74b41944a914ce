package org.consentledger.consent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces a User-Agent header to browser family, major version and platform
 * (e.g. {@code "Chrome/131 (Windows)"}): enough to show how a consent was given, too coarse to fingerprint.
 */
public final class UserAgentNormalizer {

    private static final Pattern[] BROWSERS = {
            Pattern.compile("(Edg)/(\\d+)"),
            Pattern.compile("(OPR)/(\\d+)"),
            Pattern.compile("(SamsungBrowser)/(\\d+)"),
            Pattern.compile("(Firefox)/(\\d+)"),
            Pattern.compile("(Chrome|Chromium|HeadlessChrome)/(\\d+)"),
            Pattern.compile("Version/(\\d+)[.\\d]* (?:Mobile/\\S+ )?(Safari)/"),
    };

    private UserAgentNormalizer() {
    }

    public static String normalize(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        String ua = userAgent.length() > 1024 ? userAgent.substring(0, 1024) : userAgent;
        String browser = "Other";
        for (Pattern p : BROWSERS) {
            Matcher m = p.matcher(ua);
            if (m.find()) {
                if ("Safari".equals(m.group(2))) {
                    browser = "Safari/" + m.group(1);
                } else {
                    String name = switch (m.group(1)) {
                        case "Edg" -> "Edge";
                        case "OPR" -> "Opera";
                        case "HeadlessChrome", "Chromium" -> "Chrome";
                        default -> m.group(1);
                    };
                    browser = name + "/" + m.group(2);
                }
                break;
            }
        }
        return browser + " (" + platform(ua) + ")";
    }

    private static String platform(String ua) {
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod")) {
            return "iOS";
        }
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        if (ua.contains("Linux")) {
            return "Linux";
        }
        return "Other";
    }
}
