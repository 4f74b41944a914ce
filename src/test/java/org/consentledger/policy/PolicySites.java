package org.consentledger.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consentledger.config.ConfigService;
import org.consentledger.site.SiteService;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/** Test sites published through the real site and config services (real MariaDB). */
@ApplicationScoped
public class PolicySites {

    /** What an attacker with access to an operator account might plant in texts shown to visitors. */
    static final String SCRIPT = "<script>window.__xss=(window.__xss||0)+1</script>";
    static final String IMG = "<img src=x onerror=\"window.__xss=(window.__xss||0)+1\">";
    static final String ATTRIBUTE = "\"onmouseover=\"window.__xss=(window.__xss||0)+1\" x=\"";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    SiteService sites;

    @Inject
    ConfigService configs;

    /** The kommunikationstrainer demo config with XSS attempts in the site name, category, service and cookie texts. */
    String hostileSite() {
        ObjectNode config = demoConfig();
        ObjectNode analytics = (ObjectNode) config.withArray("categories").get(1);
        analytics.with("title").put("de", "Statistik " + IMG).put("en", "Analytics " + IMG);
        analytics.with("description").put("de", "Beschreibung " + ATTRIBUTE).put("en", "Description " + ATTRIBUTE);
        ObjectNode clarity = (ObjectNode) config.withArray("services").get(1);
        clarity.put("name", "Clarity " + SCRIPT);
        clarity.put("provider", "Microsoft " + ATTRIBUTE);
        clarity.with("purpose").put("de", "Zweck " + IMG).put("en", "Purpose " + IMG);
        ((ObjectNode) clarity.withArray("cookies").get(0)).with("purpose").put("de", "ID " + SCRIPT).put("en", "ID " + SCRIPT);
        config.with("controller").put("name", "Evil " + ATTRIBUTE);
        String key = "cp-" + UUID.randomUUID().toString().substring(0, 8);
        sites.create(key, "Shop " + SCRIPT, List.of("http://localhost:*", "http://127.0.0.1:*"), null);
        configs.publish(key, config, "policy-test");
        return key;
    }

    /** A new site with the kommunikationstrainer demo config, allowed on exactly these origins. */
    String siteWithOrigins(List<String> origins) {
        String key = "cp-" + UUID.randomUUID().toString().substring(0, 8);
        sites.create(key, "Shop", origins, null);
        configs.publish(key, demoConfig(), "policy-test");
        return key;
    }

    static ObjectNode demoConfig() {
        try (InputStream in = PolicySites.class.getClassLoader().getResourceAsStream("demo-sites/kommunikationstrainer.json")) {
            return (ObjectNode) MAPPER.readTree(in).get("config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
