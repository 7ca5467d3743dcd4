package dev.opfunctions.openapi;

import java.util.List;

/**
 * One path template of a spec ({@code /incoming-payments/{id}/complete}) split into segments.
 *
 * <p>Concrete paths are matched by <em>suffix</em> because servers mount the API under a prefix
 * (Rafiki serves {@code /{tenant}/incoming-payments}, a wallet address is {@code /alice}).
 */
record PathTemplate(String template, List<String> segments) {

    static PathTemplate of(String template) {
        return new PathTemplate(template, split(template));
    }

    static List<String> split(String path) {
        return java.util.Arrays.stream(path.split("/"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** True when the last segments of {@code concrete} fit this template, parameters matching any non-empty segment. */
    boolean matchesSuffix(List<String> concrete) {
        if (concrete.size() < segments.size()) return false;
        int offset = concrete.size() - segments.size();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (!isParameter(expected) && !expected.equals(concrete.get(offset + i))) return false;
        }
        return true;
    }

    /** Literal segments count more than parameters, so {@code /quotes/{id}} beats {@code /{x}/{y}} and {@code /}. */
    int specificity() {
        int literal = (int) segments.stream().filter(s -> !isParameter(s)).count();
        return literal * 1000 + segments.size();
    }

    /** Whether the text is a template itself rather than a concrete path (callers may pass either). */
    boolean sameTemplateAs(String path) {
        return template.equals(path);
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
