package org.consentledger.consent;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PersonalDataMinimisationTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "203.0.113.77, 203.0.113.0",
            "127.0.0.1, 127.0.0.0",
            "2001:db8:85a3:1234:5678:8a2e:370:7334, 2001:db8:85a3::",
            "[2001:db8:1::1], 2001:db8:1::",
            "fe80::1%eth0, fe80:0:0::",
            "::1, 0:0:0::",
            "example.com, null",
            "'', null",
            "999.1.1.1, null"})
    void ipsAreTruncatedToSlash24AndSlash48(String in, String expected) {
        assertEquals(expected, IpTruncation.truncate(in));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36', Chrome/131 (Windows)",
            "'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15', Safari/17 (macOS)",
            "'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', Safari/17 (iOS)",
            "'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', Firefox/133 (Linux)",
            "'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70', Edge/131 (Windows)",
            "'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', Chrome/131 (Android)",
            "curl/8.5.0, Other (Other)",
            "'', null"})
    void userAgentsAreReducedToBrowserMajorAndPlatform(String in, String expected) {
        assertEquals(expected, UserAgentNormalizer.normalize(in));
    }
}
