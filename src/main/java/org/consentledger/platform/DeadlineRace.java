package org.consentledger.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The race between a request's answer and its deadline, shared by {@link VisitorDeadline} and {@link OperatorDeadline}:
 * one timer per request, cancelled when the response ends, and one claim on the response. Whichever side claims it
 * first answers and the other writes nothing: the deadline's 503 never follows a real answer, and a real answer that
 * arrives after the 503 is dropped by {@link LateAnswers} before the REST layer writes anything.
 */
public final class DeadlineRace {

    /** The deadline's answer tells the client when to retry. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final String KEY = DeadlineRace.class.getName();

    private enum Owner { NONE, ANSWER, DEADLINE }

    private final RoutingContext context;
    private final AtomicReference<Owner> owner = new AtomicReference<>(Owner.NONE);
    private volatile long timer = -1;

    private DeadlineRace(RoutingContext context) {
        this.context = context;
    }

    /** Starts the race for this request: {@code expired} runs after {@code deadline} unless the answer has begun. */
    static void start(RoutingContext context, Duration deadline, Consumer<DeadlineRace> expired) {
        DeadlineRace race = new DeadlineRace(context);
        context.put(KEY, race);
        context.addEndHandler(v -> context.vertx().cancelTimer(race.timer));
        race.after(deadline, expired);
        context.next();
    }

    /** Runs {@code expired} once more after {@code delay}, unless the answer has begun by then. */
    void after(Duration delay, Consumer<DeadlineRace> expired) {
        timer = context.vertx().setTimer(delay.toMillis(), t -> {
            if (!answerBegun()) {
                expired.accept(this);
            }
        });
    }

    RoutingContext context() {
        return context;
    }

    /** Whether the real answer claimed the response or anything (an answer outside the REST layer) was written. */
    boolean answerBegun() {
        HttpServerResponse response = context.response();
        return owner.get() == Owner.ANSWER || response.headWritten() || response.ended() || response.closed();
    }

    /** Answers 503 with Retry-After, unless the real answer has begun (then it alone answers). */
    void unavailable(String contentType, String body) {
        if (answerBegun() || !owner.compareAndSet(Owner.NONE, Owner.DEADLINE)) {
            return;
        }
        context.response().setStatusCode(503).putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
    }

    /** Answers 503 problem+json with Retry-After, unless the real answer has begun. */
    void unavailable(ObjectMapper mapper, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "";
        }
        unavailable(Problem.MEDIA_TYPE, body);
    }

    static Problem problem(String detail) {
        return Problem.of(503, "unavailable", "Service unavailable", detail);
    }

    /**
     * Claims the response for the request's real answer; false when its deadline answered first. Requests without a
     * deadline, and an answer that claimed it before (an error page after a failed write), may always write.
     */
    static boolean claimForAnswer(RoutingContext context) {
        DeadlineRace race = context == null ? null : context.get(KEY);
        return race == null || race.owner.compareAndSet(Owner.NONE, Owner.ANSWER) || race.owner.get() == Owner.ANSWER;
    }
}
