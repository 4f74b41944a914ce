package org.consentledger.consent;

/** What the server learns about the caller from the request itself. */
public record ClientInfo(String remoteAddress, String userAgent, String secGpc, String origin) {

    /** Global Privacy Control is signalled only by the exact header value "1". */
    public boolean gpcHeader() {
        return "1".equals(secGpc);
    }
}
