package org.consentledger.monitor;

import org.consentledger.platform.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Shape rules of a cookie report and its normalisation into observations (pure; unit-tested). */
public final class ReportRules {

    public static final int MAX_ITEMS = 50;
    public static final int MAX_PATH = 512;
    /** RFC 6265 cookie-name (an HTTP token), at most 128 characters. */
    static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,128}");
    static final Pattern HOST = Pattern.compile(
            "(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]{2,45}\\])(?::\\d{1,5})?");
    static final Pattern PATH = Pattern.compile("/[\\x21-\\x7e&&[^?#]]{0," + (MAX_PATH - 1) + "}");

    public static final String KIND_COOKIE = "cookie";
    public static final String KIND_HOST = "host";

    /** One name or host of a report, as stored. */
    public record Observation(String kind, String name, boolean beforeDecision) {
    }

    private ReportRules() {
    }

    /** Field errors of the report (empty when it is acceptable). */
    public static List<Problem.FieldError> check(CookieReport r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.configVersion() == null || r.configVersion() < 1) {
            errors.add(new Problem.FieldError("configVersion", "required: a published config version (1 or more)"));
        }
        if (r.path() == null || !PATH.matcher(r.path()).matches()) {
            errors.add(new Problem.FieldError("path", "required: a page path starting with '/', without query or fragment, at most "
                    + MAX_PATH + " printable characters"));
        }
        if (r.cookies() != null) {
            if (r.cookies().size() > MAX_ITEMS) {
                errors.add(new Problem.FieldError("cookies", "at most " + MAX_ITEMS + " cookies"));
            } else {
                for (int i = 0; i < r.cookies().size(); i++) {
                    CookieReport.Cookie c = r.cookies().get(i);
                    if (c == null || c.name() == null || !COOKIE_NAME.matcher(c.name()).matches()) {
                        errors.add(new Problem.FieldError("cookies[" + i + "].name", "required: a cookie name (no value)"));
                    }
                    if (c != null && c.beforeDecision() == null) {
                        errors.add(new Problem.FieldError("cookies[" + i + "].beforeDecision", "required: true or false"));
                    }
                }
            }
        }
        if (r.hosts() != null) {
            if (r.hosts().size() > MAX_ITEMS) {
                errors.add(new Problem.FieldError("hosts", "at most " + MAX_ITEMS + " hosts"));
            } else {
                for (int i = 0; i < r.hosts().size(); i++) {
                    CookieReport.Host h = r.hosts().get(i);
                    if (h == null || h.host() == null || h.host().length() > 253
                            || !HOST.matcher(h.host().toLowerCase(Locale.ROOT)).matches()) {
                        errors.add(new Problem.FieldError("hosts[" + i + "].host", "required: a host name such as cdn.example.com"));
                    }
                    if (h != null && h.beforeDecision() == null) {
                        errors.add(new Problem.FieldError("hosts[" + i + "].beforeDecision", "required: true or false"));
                    }
                }
            }
        }
        return errors;
    }

    /** The report's cookies and hosts, each once (seen before the decision if any duplicate was), hosts lower-cased. */
    public static List<Observation> observations(CookieReport r) {
        Map<String, Observation> out = new LinkedHashMap<>();
        if (r.cookies() != null) {
            r.cookies().forEach(c -> merge(out, new Observation(KIND_COOKIE, c.name(), c.beforeDecision())));
        }
        if (r.hosts() != null) {
            r.hosts().forEach(h -> merge(out, new Observation(KIND_HOST, h.host().toLowerCase(Locale.ROOT), h.beforeDecision())));
        }
        return new ArrayList<>(out.values());
    }

    private static void merge(Map<String, Observation> out, Observation o) {
        out.merge(o.kind() + '\n' + o.name(), o,
                (a, b) -> new Observation(a.kind(), a.name(), a.beforeDecision() || b.beforeDecision()));
    }
}
