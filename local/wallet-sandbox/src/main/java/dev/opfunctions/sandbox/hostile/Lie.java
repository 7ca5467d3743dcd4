package dev.opfunctions.sandbox.hostile;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One way a provider lies to requests whose method and path match, so that tests can play a hostile
 * wallet while grants, signatures and the ledger stay the sandbox's real ones. Build with {@link #on}
 * and one act, e.g. {@code Lie.on("GET", "/x").forProvider("evilbank").rewriting("/id", merchant)}.
 *
 * @param provider  only this provider's requests, or null for all
 * @param method    the HTTP method, or null for any
 * @param pathRegex a regular expression the whole request path must match
 * @param bodyText  only requests whose body contains this text (e.g. {@code "interact"} for the
 *                  interactive grant request), or null for any
 * @param act       what the provider does instead of answering honestly
 * @param times     how many more times the lie may be told; negative for always
 */
public record Lie(String provider, String method, String pathRegex, String bodyText, Act act, int times) {

    public Lie {
        Pattern.compile(pathRegex);
    }

    /** What a lie does. Acts that rewrite an answer run after the request was processed (committed). */
    public sealed interface Act {}

    /** Answers this without processing the request (a canned document, garbage, a redirect). */
    public record Answer(int status, Map<String, String> headers, byte[] body) implements Act {}

    /** Processes the request, then sets each JSON pointer of the 2xx JSON answer to a string value. */
    public record RewriteJson(Map<String, String> values) implements Act {}

    /** Processes the request, then replaces each text in the answer's body (every occurrence). */
    public record ReplaceText(Map<String, String> replacements) implements Act {}

    /** Processes the request (the create is committed), then answers {@code status} as a gateway would. */
    public record StatusAfterCommit(int status) implements Act {}

    /** Answers 200 with a JSON-looking body of {@code bytes} bytes, streamed, never held in memory. */
    public record Oversized(long bytes) implements Act {}

    /** Answers 200 and then one byte every {@code every}, never ending the body. */
    public record Trickle(Duration every) implements Act {}

    /** A lie that does nothing yet, for {@code method} (null: any) and paths matching {@code pathRegex}. */
    public static Lie on(String method, String pathRegex) {
        return new Lie(null, method, pathRegex, null, null, -1);
    }

    public Lie forProvider(String name) {
        return new Lie(name, method, pathRegex, bodyText, act, times);
    }

    public Lie whenBodyContains(String text) {
        return new Lie(provider, method, pathRegex, text, act, times);
    }

    public Lie times(int n) {
        return new Lie(provider, method, pathRegex, bodyText, act, n);
    }

    public Lie answering(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return with(new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8)));
    }

    public Lie redirectingTo(int status, String location) {
        return with(new Answer(status, Map.of("Location", location), new byte[0]));
    }

    /** @param pointerValuePairs JSON pointer, value, pointer, value… */
    public Lie rewriting(String... pointerValuePairs) {
        return with(new RewriteJson(pairs(pointerValuePairs)));
    }

    /** @param fromToPairs text, replacement, text, replacement… */
    public Lie replacing(String... fromToPairs) {
        return with(new ReplaceText(pairs(fromToPairs)));
    }

    public Lie answeringAfterCommit(int status) {
        return with(new StatusAfterCommit(status));
    }

    public Lie oversized(long bytes) {
        return with(new Oversized(bytes));
    }

    public Lie trickling(Duration every) {
        return with(new Trickle(every));
    }

    boolean matches(String providerName, String requestMethod, String path, String body) {
        return times != 0
                && (provider == null || provider.equals(providerName))
                && (method == null || method.equalsIgnoreCase(requestMethod))
                && path.matches(pathRegex)
                && (bodyText == null || body.contains(bodyText));
    }

    private Lie with(Act a) {
        return new Lie(provider, method, pathRegex, bodyText, a, times);
    }

    private static Map<String, String> pairs(String[] kv) {
        if (kv.length == 0 || kv.length % 2 != 0) throw new IllegalArgumentException("give pairs: key, value, …");
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
