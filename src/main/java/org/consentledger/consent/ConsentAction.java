package org.consentledger.consent;

import java.util.Map;
import java.util.Set;

/** What a stored event means for the visitor's state (ISO 27560 event state). */
public enum ConsentAction {
    GIVEN, REFUSED, PARTIAL, WITHDRAWN;

    public String wire() {
        return name().toLowerCase();
    }

    /** given when every optional category is granted, refused when none is, partial otherwise. */
    public static ConsentAction of(String method, Map<String, Boolean> decisions, Set<String> required) {
        if ("withdraw".equals(method)) {
            return WITHDRAWN;
        }
        long optional = decisions.keySet().stream().filter(c -> !required.contains(c)).count();
        long granted = decisions.entrySet().stream()
                .filter(e -> !required.contains(e.getKey()) && Boolean.TRUE.equals(e.getValue())).count();
        if (granted == optional) {
            return GIVEN;
        }
        return granted == 0 ? REFUSED : PARTIAL;
    }
}
