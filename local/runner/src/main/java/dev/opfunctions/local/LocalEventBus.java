package dev.opfunctions.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for EventBridge's {@code PutEvents} on a loopback port of its own: the functions reach it
 * through {@code AWS_ENDPOINT_URL_EVENTBRIDGE} with the real SDK (JSON 1.1 protocol, target
 * {@code AWSEvents.PutEvents}, checked by {@link PutEventsCall}); other targets get
 * {@code UnknownOperationException}. It routes nothing: it keeps what was put, with the time it came in,
 * for tests, the chaos run and people, through {@link #events()} and {@code GET /__bus/events} (a JSON
 * list, oldest first). Only the newest {@value #KEPT} events are kept, so a stack that runs for days
 * stays small.
 */
public final class LocalEventBus implements AutoCloseable {
    static final int KEPT = 10_000;
    /** The path that lists the events kept. */
    public static final String EVENTS_PATH = "/__bus/events";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "AWSEvents.PutEvents";

    /**
     * One accepted entry.
     *
     * @param detail the entry's {@code Detail}, a JSON object as a string
     */
    public record BusEvent(
            String eventId,
            Instant received,
            String eventBusName,
            String source,
            String detailType,
            String detail,
            List<String> resources) {
        public BusEvent {
            resources = List.copyOf(resources);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> buses;
    private final Deque<BusEvent> events = new ArrayDeque<>();

    private LocalEventBus(HttpServer server, Set<String> buses) {
        this.server = server;
        this.buses = buses;
    }

    /**
     * Starts on a free loopback port with the {@code default} bus and {@code otherBuses} (the names
     * the template's {@code EventBusName} may give; entries to any other bus fail as on AWS).
     */
    public static LocalEventBus start(Set<String> otherBuses) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        Set<String> buses = new java.util.HashSet<>(otherBuses);
        buses.add("default");
        LocalEventBus bus = new LocalEventBus(server, Set.copyOf(buses));
        server.setExecutor(bus.executor);
        server.createContext("/", bus::handle);
        server.start();
        return bus;
    }

    /** What {@code AWS_ENDPOINT_URL_EVENTBRIDGE} takes, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The events put so far (the newest {@value #KEPT}), oldest first. */
    public synchronized List<BusEvent> events() {
        return List.copyOf(events);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals(EVENTS_PATH)) {
                reply(exchange, 200, "application/json", listing());
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!exchange.getRequestMethod().equals("POST") || !TARGET.equals(target)) {
                reply(
                        exchange,
                        400,
                        "application/x-amz-json-1.1",
                        error(
                                "UnknownOperationException",
                                "Operation " + target
                                        + " is not supported by the local EventBridge stand-in (PutEvents only)"));
                return;
            }
            try {
                PutEventsCall.Outcome outcome = PutEventsCall.handle(body, buses, Instant.now());
                keep(outcome.accepted());
                reply(
                        exchange,
                        200,
                        "application/x-amz-json-1.1",
                        outcome.response().toString());
            } catch (PutEventsCall.Refused refused) {
                reply(exchange, 400, "application/x-amz-json-1.1", error(refused.type, refused.getMessage()));
            }
        }
    }

    private synchronized void keep(List<BusEvent> accepted) {
        for (BusEvent e : accepted) {
            if (events.size() == KEPT) events.removeFirst();
            events.addLast(e);
        }
    }

    private String listing() {
        ArrayNode list = JSON.createArrayNode();
        for (BusEvent e : events()) {
            ObjectNode o = list.addObject();
            o.put("eventId", e.eventId());
            o.put("received", e.received().toString());
            o.put("eventBusName", e.eventBusName());
            o.put("source", e.source());
            o.put("detailType", e.detailType());
            o.put("detail", e.detail());
            e.resources().forEach(o.withArray("resources")::add);
        }
        return list.toString();
    }

    private static String error(String type, String message) {
        ObjectNode e = JSON.createObjectNode();
        e.put("__type", type);
        e.put("message", message);
        return e.toString();
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
