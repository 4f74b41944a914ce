package org.consentledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Benchmark, not a test of the suite (its name does not match Surefire's includes): how long validating the largest
 * configuration the API accepts takes, as a ratio to parsing its JSON (the reference measured in the same run).
 * Target (issue #14 item 8): under 50 ms. Run: {@code ./mvnw -B test -Dtest=ConfigValidationBenchmark}; figures in
 * docs/PERFORMANCE.md.
 */
class ConfigValidationBenchmark {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The demo config grown with services whose strings are adversarial, up to just below the size limit. */
    static String largestConfig(String filler) throws Exception {
        ObjectNode config = ConfigValidatorTest.demoConfig("kommunikationstrainer");
        ((ObjectNode) config.get("cookie")).put("domain", filler);
        ArrayNode services = (ArrayNode) config.get("services");
        JsonNode template = services.get(0);
        int i = 0;
        while (true) {
            ObjectNode service = template.deepCopy();
            service.put("id", "s" + i++);
            service.put("name", filler);
            service.put("provider", filler);
            services.add(service);
            if (MAPPER.writeValueAsBytes(config).length > ConfigValidator.MAX_CONFIG_BYTES - 4096) {
                services.remove(services.size() - 1);
                return MAPPER.writeValueAsString(config);
            }
        }
    }

    @Test
    void validateTheLargestConfigs() throws Exception {
        for (String name : new String[] { "plain", "dots" }) {
            String filler = name.equals("plain") ? "a".repeat(1000) : "a.".repeat(500);
            String body = largestConfig(filler);
            long[] parse = new long[30];
            long[] validate = new long[30];
            for (int round = -10; round < 30; round++) {
                long t0 = System.nanoTime();
                JsonNode node = MAPPER.readTree(body);
                long t1 = System.nanoTime();
                ConfigValidator.validate(node);
                long t2 = System.nanoTime();
                if (round >= 0) {
                    parse[round] = t1 - t0;
                    validate[round] = t2 - t1;
                }
            }
            Arrays.sort(parse);
            Arrays.sort(validate);
            System.out.printf("[bench] %s config %d bytes: validate median %.2f ms, max %.2f ms; parse median %.2f ms;"
                            + " ratio validate/parse %.2f%n", name, body.getBytes(StandardCharsets.UTF_8).length,
                    validate[15] / 1e6, validate[29] / 1e6, parse[15] / 1e6, (double) validate[15] / parse[15]);
        }
    }
}
