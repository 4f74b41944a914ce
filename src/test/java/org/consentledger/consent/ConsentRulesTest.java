package org.consentledger.consent;

import org.consentledger.config.PublishedConfig;
import org.consentledger.platform.Problem.FieldError;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one model of docs/BANNER.md: a category is granted exactly when one of its services is on. */
class ConsentRulesTest {

    private static final PublishedConfig CONFIG = new PublishedConfig(1, 1, "h", Instant.EPOCH, null, List.of("de"), "de",
            Set.of("essential", "analytics"), Set.of("essential"),
            Map.of("app", "essential", "clarity", "analytics", "vercel", "analytics"));

    private static List<String> fields(Map<String, Boolean> decisions, Map<String, Boolean> services) {
        return ConsentRules.contradictions(decisions, services, CONFIG).stream().map(FieldError::field).toList();
    }

    @Test
    void aServiceOnInARefusedCategoryContradictsTheRecord() {
        assertEquals(List.of("services.vercel"), fields(Map.of("essential", true, "analytics", false), Map.of("vercel", true)));
    }

    @Test
    void aGrantedCategoryWithAllItsServicesOffContradictsTheRecord() {
        assertEquals(List.of("decisions.analytics"),
                fields(Map.of("analytics", true), Map.of("vercel", false, "clarity", false)));
    }

    @Test
    void consistentRecordsPass() {
        assertTrue(fields(Map.of("analytics", true), Map.of("vercel", false, "clarity", true)).isEmpty(), "mixed");
        assertTrue(fields(Map.of("analytics", true), Map.of("vercel", false)).isEmpty(), "not every service listed");
        assertTrue(fields(Map.of("analytics", false), Map.of("vercel", false, "clarity", false)).isEmpty(), "all off");
        assertTrue(fields(Map.of("analytics", true), null).isEmpty(), "clients that send no services");
    }
}
