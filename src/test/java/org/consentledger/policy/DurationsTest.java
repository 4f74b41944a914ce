package org.consentledger.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationsTest {

    @Test
    void germanAndEnglishWordsWithPlurals() {
        assertEquals("1 Jahr", Durations.humanize("P1Y", "de"));
        assertEquals("2 Jahre", Durations.humanize("P2Y", "de"));
        assertEquals("1 year", Durations.humanize("P1Y", "en"));
        assertEquals("2 years", Durations.humanize("P2Y", "en"));
        assertEquals("180 Tage", Durations.humanize("P180D", "de"));
        assertEquals("1 day", Durations.humanize("P1D", "en"));
        assertEquals("1 Monat 2 Wochen", Durations.humanize("P1M2W", "de"));
        assertEquals("1 Stunde 30 Minuten", Durations.humanize("PT1H30M", "de"));
        assertEquals("30 minutes", Durations.humanize("PT30M", "en"));
        assertEquals("1 second", Durations.humanize("PT1S", "en"));
    }

    @Test
    void sessionMissingAndUnparsable() {
        assertEquals("Sitzung", Durations.humanize("session", "de"));
        assertEquals("session", Durations.humanize("session", "en"));
        assertEquals("nicht angegeben", Durations.humanize(null, "de"));
        assertEquals("not specified", Durations.humanize(" ", "en"));
        assertEquals("forever", Durations.humanize("forever", "en"));
        assertEquals("P", Durations.humanize("P", "en"));
        assertEquals("PT", Durations.humanize("PT", "en"));
    }
}
