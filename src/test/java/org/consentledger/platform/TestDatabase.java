package org.consentledger.platform;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link DatabaseTestResource} for every {@code @QuarkusTest} in the module. */
@QuarkusTestResource(value = DatabaseTestResource.class, restrictToAnnotatedClass = false)
public class TestDatabase {
}
