package dev.opfunctions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.checkout.ErrorCode;
import dev.opfunctions.checkout.FailureCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository README against the code: every error code it names is an {@link ErrorCode} or a
 * {@link FailureCode}, every {@link ErrorCode} and every {@link FailureCode} is named, the status it gives each code is {@link HttpErrors#status}, and the documented
 * routes use the query parameter the API reads.
 */
class ReadmeErrorCodesTest {

    /** A code-like name in backticks: upper case with at least one underscore, e.g. {@code `ORDER_CONFLICT`}. */
    private static final Pattern CODE_LIKE = Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`");
    /** The first cell of a table row, e.g. {@code | `TABLE_NAME` |} (the Configuration table's variable names). */
    private static final Pattern FIRST_CELL = Pattern.compile("(?m)^\\|([^|\n]*)\\|");
    /** Code-like names in the README that are neither error codes nor environment variables of the functions. */
    // Shell variables (JAVA_HOME, MOTO_PYTHON, LocalStack's LOCALSTACK_AUTH_TOKEN) and an ApiAuthMode value (API_KEY).
    private static final Set<String> NOT_ERROR_CODES =
            Set.of("JAVA_HOME", "API_KEY", "MOTO_PYTHON", "LOCALSTACK_AUTH_TOKEN");

    private static String readme;

    @BeforeAll
    static void read() throws IOException {
        readme = Files.readString(Path.of(System.getProperty("repo.root"), "README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void everyCodeTheReadmeNamesIsAnErrorCode() {
        Set<String> configuration = new TreeSet<>();
        names(FIRST_CELL, section("## Configuration")).forEach(cell -> configuration.addAll(names(CODE_LIKE, cell)));
        Set<String> errorCodes =
                Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> failureCodes =
                Arrays.stream(FailureCode.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(names(CODE_LIKE, readme));
        unknown.removeAll(errorCodes);
        unknown.removeAll(failureCodes);
        unknown.removeAll(configuration);
        unknown.removeAll(NOT_ERROR_CODES);

        assertEquals(
                Set.of(), unknown, "README.md names codes the API never answers with (see ErrorCode and FailureCode)");
    }

    @Test
    void everyFailureCodeIsListed() {
        Set<String> missing = Arrays.stream(FailureCode.values())
                .map(Enum::name)
                .filter(n -> !readme.contains("`" + n + "`"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertEquals(Set.of(), missing, "README.md does not name these failure codes a checkout can carry");
    }

    @Test
    void everyErrorCodeIsListedWithTheStatusTheApiAnswers() {
        TreeMap<String, Integer> documented = documentedStatuses();
        TreeMap<String, Integer> actual = new TreeMap<>();
        for (ErrorCode code : ErrorCode.values()) actual.put(code.name(), HttpErrors.status(code));

        assertEquals(actual, documented, "the README's \"Errors are …\" paragraph, by HTTP status");
    }

    @Test
    void documentsTheHistoryQueryParameterTheApiReads() {
        assertTrue(
                readme.contains("GET /history/payments?customerWalletAddress="),
                "README documents the customerWalletAddress parameter");
        assertFalse(
                Pattern.compile("/history/payments\\?(?!customerWalletAddress=)")
                        .matcher(readme)
                        .find(),
                "README documents another query parameter for /history/payments");
    }

    /** {@code 400 `A`, `B`; 404 `C`} in the paragraph that starts "Errors are": code → status. */
    private static TreeMap<String, Integer> documentedStatuses() {
        int start = readme.indexOf("\nErrors are ");
        assertTrue(start >= 0, "README.md has no paragraph starting \"Errors are\"");
        int end = readme.indexOf("\n\n", start + 1);
        String paragraph = readme.substring(start, end < 0 ? readme.length() : end);
        TreeMap<String, Integer> statuses = new TreeMap<>();
        Matcher group =
                Pattern.compile("\\b([1-5]\\d\\d) ((?:`[A-Z_]+`,?\\s*)+)").matcher(paragraph);
        while (group.find()) {
            int status = Integer.parseInt(group.group(1));
            for (String code : names(CODE_LIKE, group.group(2))) {
                Integer previous = statuses.put(code, status);
                assertTrue(previous == null, code + " is listed twice");
            }
        }
        return statuses;
    }

    private static String section(String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "README.md has no " + heading + " section");
        int end = readme.indexOf("\n## ", start + heading.length() + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) names.add(m.group(1));
        return names;
    }
}
