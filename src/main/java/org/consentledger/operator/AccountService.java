package org.consentledger.operator;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Local accounts: creation, password checks (bcrypt, cost 12), disabling, password resets. */
@ApplicationScoped
public class AccountService {

    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_BYTES = 72;
    /** Canonical user names: no whitespace or other characters a collation could fold; compared exactly. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");
    private static final Pattern SITE_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    @Inject
    AuditService audit;

    @Inject
    AuthConfig config;

    @Inject
    TokenVersions versions;

    @Inject
    org.consentledger.site.SiteService siteService;

    @Inject
    CommonPasswords commonPasswords;

    /** Whether {@code username} is in canonical form (the only form that can name an account). */
    public static boolean canonicalUsername(String username) {
        return username != null && username.length() <= 100 && USERNAME.matcher(username).matches();
    }

    /** Checked when the user does not exist, so a wrong user name costs as long as a wrong password. */
    private volatile String dummyHash;

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = hash("not-a-password-" + RANDOM.nextLong());
        }
        return dummyHash;
    }

    private String hash(String password) {
        return BcryptUtil.bcryptHash(password, config.bcryptCost());
    }

    /** The account if the user exists, is enabled and the password matches. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OperatorAccount> authenticate(String username, String password) {
        if (username == null || password == null) {
            BcryptUtil.matches("x", dummyHash());
            return Optional.empty();
        }
        Optional<OperatorAccount> account = canonicalUsername(username)
                ? OperatorAccount.findByUsername(username).filter(a -> a.username.equals(username)) : Optional.empty();
        if (account.isEmpty() || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            BcryptUtil.matches(password, dummyHash());
            return Optional.empty();
        }
        OperatorAccount a = account.get();
        boolean ok = BcryptUtil.matches(password, a.passwordHash);
        return ok && a.enabled ? account : Optional.empty();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OperatorAccount> list() {
        return OperatorAccount.listAll(io.quarkus.panache.common.Sort.by("username"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OperatorAccount> find(String username) {
        return OperatorAccount.findByUsername(username);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        return OperatorAccount.count();
    }

    /** Creates an account; 422 on invalid fields, 409 when the user name is taken. */
    @Transactional
    public OperatorAccount create(String username, String password, Set<String> roles, Set<String> sites) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.put("username", "3-100 characters of letters, digits and . _ @ -");
        }
        validatePassword(password, errors);
        validateRolesAndSites(roles, sites, errors);
        if (!errors.isEmpty()) {
            throw OperatorProblems.invalid(errors);
        }
        if (OperatorAccount.findByUsername(username).isPresent()) {
            throw OperatorProblems.conflict("User " + username + " already exists");
        }
        OperatorAccount account = new OperatorAccount();
        account.username = username;
        account.passwordHash = hash(password);
        account.roles = OperatorAccount.join(new LinkedHashSet<>(roles));
        account.sites = OperatorAccount.join(sites == null ? Set.of() : new LinkedHashSet<>(sites));
        account.enabled = true;
        account.createdAt = Instant.now();
        account.updatedAt = account.createdAt;
        account.persist();
        audit.record("account.create", null, username, Map.of("roles", account.roles, "sites", account.sites));
        return account;
    }

    /** Replaces roles and sites of an account. */
    @Transactional
    public OperatorAccount updateRoles(String username, Set<String> roles, Set<String> sites) {
        Map<String, String> errors = new LinkedHashMap<>();
        validateRolesAndSites(roles, sites, errors);
        if (!errors.isEmpty()) {
            throw OperatorProblems.invalid(errors);
        }
        OperatorAccount account = require(username);
        account.roles = OperatorAccount.join(new LinkedHashSet<>(roles));
        account.sites = OperatorAccount.join(sites == null ? Set.of() : new LinkedHashSet<>(sites));
        account.updatedAt = Instant.now();
        revoke(account);
        audit.record("account.update", null, username, Map.of("roles", account.roles, "sites", account.sites));
        return account;
    }

    @Transactional
    public OperatorAccount setEnabled(String username, boolean enabled) {
        OperatorAccount account = require(username);
        account.enabled = enabled;
        account.updatedAt = Instant.now();
        revoke(account);
        audit.record(enabled ? "account.enable" : "account.disable", null, username, Map.of());
        return account;
    }

    /** Sets a new password; a generated one when {@code newPassword} is null. Returns the password in effect. */
    @Transactional
    public String resetPassword(String username, String newPassword) {
        String password = newPassword == null ? generatePassword() : newPassword;
        Map<String, String> errors = new LinkedHashMap<>();
        validatePassword(password, errors);
        if (!errors.isEmpty()) {
            throw OperatorProblems.invalid(errors);
        }
        OperatorAccount account = require(username);
        account.passwordHash = hash(password);
        account.updatedAt = Instant.now();
        revoke(account);
        audit.record("account.password-reset", null, username, Map.of("generated", newPassword == null));
        return password;
    }

    /**
     * Self-service password change (every role): the current password must match; the new one passes the same rules.
     * Every earlier token of the account stops working (the caller signs in again).
     */
    @Transactional
    public void changePassword(String username, String currentPassword, String newPassword) {
        OperatorAccount account = require(username);
        if (currentPassword == null || !BcryptUtil.matches(currentPassword, account.passwordHash)) {
            throw OperatorProblems.invalid(Map.of("currentPassword", "does not match"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        validatePassword(newPassword, errors);
        if (newPassword != null && newPassword.equals(currentPassword)) {
            errors.put("password", "must differ from the current password");
        }
        if (!errors.isEmpty()) {
            throw OperatorProblems.invalid(errors);
        }
        account.passwordHash = hash(newPassword);
        account.updatedAt = Instant.now();
        revoke(account);
        audit.record("account.password-change", null, username, Map.of());
    }

    /** Ends every session of the account (logout): all its tokens issued so far are refused from now on. */
    @Transactional
    public void revokeSessions(String username) {
        OperatorAccount.findByUsername(username).filter(a -> a.username.equals(username)).ifPresent(a -> {
            revoke(a);
            audit.record("account.logout", null, username, Map.of());
        });
    }

    private void revoke(OperatorAccount account) {
        account.tokenVersion++;
        versions.forget(account.username);
    }

    /** Creates the first admin when there is no account at all; used at start-up. */
    @Transactional
    public boolean createFirstAdmin(String username, String password) {
        if (OperatorAccount.count() > 0) {
            return false;
        }
        OperatorAccount account = new OperatorAccount();
        account.username = username;
        account.passwordHash = hash(password);
        account.roles = Roles.ADMIN;
        account.sites = "";
        account.enabled = true;
        account.createdAt = Instant.now();
        account.updatedAt = account.createdAt;
        account.persist();
        audit.recordAs("system", null, "account.create", null, username, Map.of("roles", Roles.ADMIN, "firstAdmin", true));
        return true;
    }

    public static String generatePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private OperatorAccount require(String username) {
        return OperatorAccount.findByUsername(username).filter(a -> a.username.equals(username))
                .orElseThrow(() -> OperatorProblems.notFound("No user " + username));
    }

    private void validatePassword(String password, Map<String, String> errors) {
        String problem = passwordProblem(password, commonPasswords);
        if (problem != null) {
            errors.put("password", problem);
        }
    }

    /** Why a password is refused, or null: 12-72 bytes in UTF-8 (bcrypt ignores everything after 72), not a common one. */
    static String passwordProblem(String password, CommonPasswords common) {
        int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_PASSWORD_LENGTH || bytes > MAX_PASSWORD_BYTES) {
            return "between " + MIN_PASSWORD_LENGTH + " and " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (umlauts count twice)";
        }
        if (common != null && common.contains(password)) {
            return "is on the list of common passwords; choose another";
        }
        return null;
    }

    private void validateRolesAndSites(Set<String> roles, Set<String> sites, Map<String, String> errors) {
        validateRoleAndSiteSyntax(roles, sites, errors);
        if (sites != null && !errors.containsKey("sites")) {
            // a grant of a site key nobody has created yet would open that site to this account once it exists
            List<String> unknown = sites.stream().filter(k -> siteService.findByKey(k).isEmpty()).sorted().toList();
            if (!unknown.isEmpty()) {
                errors.put("sites", "no such site: " + String.join(", ", unknown));
            }
        }
    }

    private static void validateRoleAndSiteSyntax(Set<String> roles, Set<String> sites, Map<String, String> errors) {
        if (roles == null || roles.isEmpty() || !roles.stream().allMatch(r -> r != null && Roles.ALL.contains(r))) {
            errors.put("roles", "one or more of admin, operator, auditor");
        }
        if (sites != null) {
            for (String site : sites) {
                if (site == null || !SITE_KEY.matcher(site).matches()) {
                    errors.put("sites", "site keys of letters, digits and . _ -");
                }
            }
        }
        if (roles != null && !roles.contains(Roles.ADMIN) && (sites == null || sites.isEmpty())) {
            errors.put("sites", "an operator or auditor needs at least one site");
        }
    }
}
