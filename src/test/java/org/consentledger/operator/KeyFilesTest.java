package org.consentledger.operator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue #14 item 9: secrets are owner-only from creation on, also over an existing world-readable file. */
class KeyFilesTest {

    @Test
    void secretsAreCreatedOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret.key");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyFiles.writeOwnerOnly(file, "new secret".getBytes());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("new secret", Files.readString(file));
    }

    @Test
    void generatedJwtKeysAreOwnerOnly(@TempDir Path dir) throws Exception {
        KeyFiles.ensureKeyPair(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt-private.pem"))));
    }
}
