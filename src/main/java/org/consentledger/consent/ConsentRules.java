package org.consentledger.consent;

import org.consentledger.config.PublishedConfig;
import org.consentledger.platform.Problem.FieldError;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Checks a consent request against the config version it names. Pure logic. */
public final class ConsentRules {

    public static final Set<String> METHODS = Set.of("accept-all", "reject-all", "save-settings", "withdraw", "gpc", "api");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern BANNER_HASH = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private ConsentRules() {
    }

    public static boolean isVisitorId(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    public static boolean isIdempotencyKey(String value) {
        return value != null && IDEMPOTENCY_KEY.matcher(value).matches();
    }

    /** Problems with the fields that do not need the config (checked first, so a bad version is 422 too). */
    public static List<FieldError> checkShape(ConsentRequest r) {
        List<FieldError> errors = new ArrayList<>();
        if (r.visitorId() != null && !isVisitorId(r.visitorId())) {
            errors.add(new FieldError("visitorId", "must be a lower-case UUID"));
        }
        if (r.configVersion() == null) {
            errors.add(new FieldError("configVersion", "required"));
        }
        if (r.decisions() == null || r.decisions().isEmpty()) {
            errors.add(new FieldError("decisions", "required: an object of category id to true/false"));
        } else {
            if (r.decisions().size() > 50) {
                errors.add(new FieldError("decisions", "at most 50 categories"));
            }
            r.decisions().forEach((k, v) -> {
                if (v == null) {
                    errors.add(new FieldError("decisions." + abbreviate(k), "must be true or false"));
                }
            });
        }
        if (r.services() != null) {
            if (r.services().size() > 100) {
                errors.add(new FieldError("services", "at most 100 services"));
            }
            r.services().forEach((k, v) -> {
                if (v == null) {
                    errors.add(new FieldError("services." + abbreviate(k), "must be true or false"));
                }
            });
        }
        if (r.method() == null || !METHODS.contains(r.method())) {
            errors.add(new FieldError("method", "required: one of " + String.join(", ", new java.util.TreeSet<>(METHODS))));
        }
        if (r.language() != null && (r.language().length() > 16)) {
            errors.add(new FieldError("language", "at most 16 characters"));
        }
        if (r.pageUrl() != null && pageUrlProblem(r.pageUrl()) != null) {
            errors.add(new FieldError("pageUrl", pageUrlProblem(r.pageUrl())));
        }
        if (r.bannerHash() != null && !BANNER_HASH.matcher(r.bannerHash()).matches()) {
            errors.add(new FieldError("bannerHash", "at most 64 letters, digits, '-' or '_'"));
        }
        return errors;
    }

    /** Problems of the decisions and language against the config version. */
    public static List<FieldError> checkAgainst(ConsentRequest r, PublishedConfig config) {
        List<FieldError> errors = new ArrayList<>();
        r.decisions().forEach((category, granted) -> {
            if (!config.categoryIds().contains(category)) {
                errors.add(new FieldError("decisions." + abbreviate(category),
                        "unknown category for config version " + config.version()));
            } else if (config.requiredCategoryIds().contains(category) && !Boolean.TRUE.equals(granted)) {
                errors.add(new FieldError("decisions." + category, "a required category cannot be refused"));
            }
        });
        if (r.services() != null) {
            r.services().forEach((service, granted) -> {
                String category = config.serviceCategories().get(service);
                if (category == null) {
                    errors.add(new FieldError("services." + abbreviate(service),
                            "unknown service for config version " + config.version()));
                } else if (config.requiredCategoryIds().contains(category) && !Boolean.TRUE.equals(granted)) {
                    errors.add(new FieldError("services." + service, "a service of a required category cannot be refused"));
                }
            });
        }
        errors.addAll(contradictions(r.decisions(), r.services(), config));
        if (r.language() != null && !config.languages().contains(r.language())) {
            errors.add(new FieldError("language", "must be one of " + config.languages()));
        }
        return errors;
    }

    /**
     * One model (docs/BANNER.md): a category is granted exactly when at least one of its services is on. So a
     * service on in a refused category, or a granted category whose services are all listed as off, contradicts
     * itself and is refused (422) instead of stored.
     */
    static List<FieldError> contradictions(Map<String, Boolean> decisions, Map<String, Boolean> services,
                                           PublishedConfig config) {
        List<FieldError> errors = new ArrayList<>();
        if (services == null || decisions == null) {
            return errors;
        }
        Map<String, Integer> listed = new TreeMap<>();
        Map<String, Integer> on = new TreeMap<>();
        Map<String, Integer> total = new TreeMap<>();
        config.serviceCategories().forEach((service, category) -> total.merge(category, 1, Integer::sum));
        services.forEach((service, value) -> {
            String category = config.serviceCategories().get(service);
            if (category == null || value == null || config.requiredCategoryIds().contains(category)) {
                return;
            }
            listed.merge(category, 1, Integer::sum);
            if (value) {
                on.merge(category, 1, Integer::sum);
                if (!Boolean.TRUE.equals(decisions.get(category))) {
                    errors.add(new FieldError("services." + service,
                            "contradicts decisions." + category + ": a service of a refused category cannot be on"));
                }
            }
        });
        listed.forEach((category, count) -> {
            if (Boolean.TRUE.equals(decisions.get(category)) && count.equals(total.get(category)) && !on.containsKey(category)) {
                errors.add(new FieldError("decisions." + category,
                        "contradicts services: a category whose services are all off cannot be granted"));
            }
        });
        return errors;
    }

    /** All categories of the config with the visitor's decision; required ones always true, missing ones false. */
    public static Map<String, Boolean> completeDecisions(Map<String, Boolean> decisions, PublishedConfig config) {
        Map<String, Boolean> complete = new TreeMap<>();
        for (String category : config.categoryIds()) {
            complete.put(category, config.requiredCategoryIds().contains(category)
                    || Boolean.TRUE.equals(decisions.get(category)));
        }
        return complete;
    }

    /** Origin and path only: query strings and fragments may carry personal data and are dropped. */
    public static String stripPageUrl(String pageUrl) {
        if (pageUrl == null) {
            return null;
        }
        URI uri = URI.create(pageUrl);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getRawAuthority() + path;
    }

    static String pageUrlProblem(String pageUrl) {
        if (pageUrl.length() > 2048) {
            return "at most 2048 characters";
        }
        try {
            URI uri = new URI(pageUrl);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getRawAuthority() == null) {
                return "must be an absolute http(s) URL";
            }
        } catch (Exception e) {
            return "must be an absolute http(s) URL";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
