package org.consentledger.platform;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-only endpoints that answer only when the test releases them, behind the visitor and the operator deadline:
 * the deadline answers first, then the real answer arrives late. {@link #finished} completes once the late answer's
 * request processing is over (with its failure, if any).
 */
@Path("/api/v1/sites/deadline-test")
public class LateAnswerResource {

    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile CompletableFuture<Throwable> finished = new CompletableFuture<>();

    static void hold() {
        release = new CountDownLatch(1);
        finished = new CompletableFuture<>();
    }

    @GET
    @Path("/late")
    @Produces(MediaType.APPLICATION_JSON)
    public String visitor(@Context ServerRequestContext request) throws InterruptedException {
        return await(request, "{\"late\":true}");
    }

    /** The same behind the operator deadline, as a console page. */
    @Path("/console/deadline-test")
    public static class ConsolePage {
        @GET
        @Path("/late")
        @Produces(MediaType.TEXT_HTML)
        public String console(@Context ServerRequestContext request) throws InterruptedException {
            return await(request, "<!DOCTYPE html><p>late</p>");
        }
    }

    static String await(ServerRequestContext request, String answer) throws InterruptedException {
        CompletableFuture<Throwable> done = finished;
        request.registerCompletionCallback(done::complete);
        release.await(60, TimeUnit.SECONDS);
        return answer;
    }
}
