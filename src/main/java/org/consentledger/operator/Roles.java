package org.consentledger.operator;

import java.util.Set;

/** The operator roles (JWT {@code groups}). */
public final class Roles {

    /** Everything, on all sites. */
    public static final String ADMIN = "admin";
    /** Reads and changes the sites listed in the token's {@code sites} claim. */
    public static final String OPERATOR = "operator";
    /** Reads (logs, exports, statistics, verification) the sites in its {@code sites} claim. */
    public static final String AUDITOR = "auditor";

    public static final Set<String> ALL = Set.of(ADMIN, OPERATOR, AUDITOR);

    /** Name of the claim listing the site keys an operator or auditor may access. */
    public static final String SITES_CLAIM = "sites";

    private Roles() {
    }
}
