package org.consentledger.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** "Add to config": puts an observed cookie into a service of a draft configuration (pure; unit-tested). */
public final class DraftEdit {

    private DraftEdit() {
    }

    /**
     * Adds {@code {"name", "maxAge"?, "purpose": {lang: purpose}}} to the cookies of the service; false when the service
     * does not exist. A cookie of that name already in the service is left as it is (true).
     */
    public static boolean addCookie(ObjectNode content, String serviceId, String name, String maxAge, String purpose) {
        for (JsonNode s : content.path("services")) {
            if (s.isObject() && serviceId.equals(s.path("id").asText())) {
                ObjectNode service = (ObjectNode) s;
                ArrayNode cookies = service.has("cookies") && service.get("cookies").isArray()
                        ? (ArrayNode) service.get("cookies") : service.putArray("cookies");
                for (JsonNode c : cookies) {
                    if (name.equals(c.path("name").asText())) {
                        return true;
                    }
                }
                ObjectNode cookie = cookies.addObject();
                cookie.put("name", name);
                if (maxAge != null && !maxAge.isBlank()) {
                    cookie.put("maxAge", maxAge.strip());
                }
                if (purpose != null && !purpose.isBlank()) {
                    ObjectNode p = cookie.putObject("purpose");
                    content.path("languages").forEach(l -> p.put(l.asText(), purpose.strip()));
                }
                return true;
            }
        }
        return false;
    }
}
