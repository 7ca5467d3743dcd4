package dev.opfunctions.lambda;

import java.util.regex.Pattern;

/**
 * Masks what could be a secret in text bound for the logs (exception messages and stack traces):
 * PEM keys, GNAP authorization values, finish-URI secrets and callback references, and the values of
 * JSON members that hold tokens or keys. Our own exceptions never carry secrets; this guards against
 * a library that puts a request or response into its message.
 */
public final class Redaction {

    private static final String MASK = "***";
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z ]+-----[\\s\\S]*?-----END [A-Z ]+-----");
    private static final Pattern GNAP = Pattern.compile("(?i)\\b(GNAP|Bearer)\\s+[^\\s\",]+");
    private static final Pattern QUERY_SECRET = Pattern.compile("(?i)([?&](?:s|interact_ref|hash)=)[^&\\s\"]+");
    private static final Pattern JSON_SECRET = Pattern.compile(
            "(?i)(\"(?:privateKey|private_key|value|access_token|continueToken|continue_token|token|secret|d)\"\\s*:\\s*\")[^\"]*\"");

    private Redaction() {}

    public static String redact(String text) {
        if (text == null) return null;
        String out = PEM.matcher(text).replaceAll("[redacted key]");
        out = GNAP.matcher(out).replaceAll("$1 " + MASK);
        out = QUERY_SECRET.matcher(out).replaceAll("$1" + MASK);
        return JSON_SECRET.matcher(out).replaceAll("$1" + MASK + "\"");
    }

    /** The stack trace of {@code t} and its causes (frames are code locations, never data), messages redacted, at most {@code maxFrames} frames each. */
    public static String stackTrace(Throwable t, int maxFrames) {
        StringBuilder b = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable cur = t; cur != null && seen.add(cur); cur = cur.getCause()) {
            if (cur != t) b.append("Caused by: ");
            b.append(cur.getClass().getName());
            if (cur.getMessage() != null) b.append(": ").append(redact(cur.getMessage()));
            b.append('\n');
            StackTraceElement[] frames = cur.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, maxFrames); i++)
                b.append("\tat ").append(frames[i]).append('\n');
            if (frames.length > maxFrames)
                b.append("\t... ").append(frames.length - maxFrames).append(" more\n");
        }
        return b.toString();
    }
}
