package org.consentledger.consent;

/** CDI event: a batch of consent events was committed (the ledger's sealer wakes up on it). */
public record ConsentsCommitted(int events) {
}
