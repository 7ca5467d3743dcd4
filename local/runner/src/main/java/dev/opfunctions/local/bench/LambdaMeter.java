package dev.opfunctions.local.bench;

import dev.opfunctions.aws.local.InvocationResult;
import dev.opfunctions.local.FunctionDefinition;
import dev.opfunctions.local.LocalFunction;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lambda invocations and billed duration per function, taken where the runner invokes each function
 * ({@link #around}: every function passes through it before the gateway, the event source mappings
 * and the schedule get it). Billed duration is the invocation's time in the execution environment
 * (from handing over the event to the answer, not the wait for a busy environment), rounded up to the
 * millisecond per invocation as Lambda bills; GB-seconds use the template's {@code MemorySize}. The
 * HTTP API's requests are counted here too: each routed request is one invocation with an API Gateway
 * event.
 */
final class LambdaMeter {
    /** Totals so far; {@code billedMs} and {@code invocations} per function name. */
    record Usage(Map<String, Long> invocations, Map<String, Long> billedMs, double gbSeconds, long httpRequests) {
        long totalInvocations() {
            return invocations.values().stream().mapToLong(Long::longValue).sum();
        }

        long totalBilledMs() {
            return billedMs.values().stream().mapToLong(Long::longValue).sum();
        }

        Usage minus(Usage o) {
            Map<String, Long> inv = new TreeMap<>(invocations);
            o.invocations.forEach((k, v) -> inv.merge(k, -v, Long::sum));
            Map<String, Long> ms = new TreeMap<>(billedMs);
            o.billedMs.forEach((k, v) -> ms.merge(k, -v, Long::sum));
            return new Usage(inv, ms, gbSeconds - o.gbSeconds, httpRequests - o.httpRequests);
        }
    }

    private final Map<String, LongAdder> invocations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> billedMs = new ConcurrentHashMap<>();
    /** MB-milliseconds, summed exactly; GB-seconds only when read. */
    private final LongAdder mbMs = new LongAdder();

    private final LongAdder httpRequests = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Wraps a function so that its invocations are counted here. */
    LocalFunction around(LocalFunction function) {
        return new LocalFunction() {
            @Override
            public FunctionDefinition definition() {
                return function.definition();
            }

            @Override
            public InvocationResult invoke(String eventJson) throws InterruptedException {
                inFlight.incrementAndGet();
                try {
                    InvocationResult result = function.invoke(eventJson);
                    record(function.definition(), eventJson, result);
                    return result;
                } finally {
                    inFlight.decrementAndGet();
                }
            }

            @Override
            public String describe() {
                return function.describe();
            }

            @Override
            public void close() {
                function.close();
            }
        };
    }

    private void record(FunctionDefinition definition, String event, InvocationResult result) {
        long ms = Math.max(1, (result.elapsed().toNanos() + 999_999) / 1_000_000);
        invocations.computeIfAbsent(definition.name(), n -> new LongAdder()).increment();
        billedMs.computeIfAbsent(definition.name(), n -> new LongAdder()).add(ms);
        mbMs.add(ms * definition.memoryMb());
        // An HTTP API payload 2.0 event carries its routeKey and requestContext.http at the top.
        if (event.contains("\"routeKey\"") && event.contains("\"requestContext\"")) httpRequests.increment();
    }

    /** Invocations running now (a phase is quiet only at 0). */
    int inFlight() {
        return inFlight.get();
    }

    Usage usage() {
        Map<String, Long> inv = new TreeMap<>();
        invocations.forEach((k, v) -> inv.put(k, v.sum()));
        Map<String, Long> ms = new TreeMap<>();
        billedMs.forEach((k, v) -> ms.put(k, v.sum()));
        return new Usage(inv, ms, mbMs.sum() / 1024.0 / 1000.0, httpRequests.sum());
    }
}
