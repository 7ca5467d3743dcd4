package dev.opfunctions.local.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opfunctions.aws.local.testing.LocalServers;
import dev.opfunctions.aws.local.testing.LocalServersExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every environment variable the functions' code reads is set by template.yaml for each function
 * that uses it. The variables are read from the source of the classes that read them (FunctionConfig
 * and the metrics writer), so a new variable fails this test until it is classified below and
 * wired in the template; which function uses which follows the contracts' table.
 */
@ExtendWith(LocalServersExtension.class)
class TemplateEnvironmentTest {

    private static final Set<String> ALL =
            Set.of("start-checkout", "consent-finish", "create-outgoing", "scheduled-installment");

    /** Variable to the functions that need it (contracts.md, "Environment variables"). */
    private static final Map<String, Set<String>> USED_BY = Map.ofEntries(
            Map.entry("TABLE_NAME", ALL),
            Map.entry("COMMANDS_QUEUE_URL", ALL),
            Map.entry("CLIENT_KEY_SECRET_ARN", Set.of("start-checkout", "create-outgoing", "scheduled-installment")),
            Map.entry("MERCHANT_WALLET_ADDRESS", Set.of("start-checkout")),
            // create-outgoing and scheduled-installment too: a consent asked again after a lost continuation or
            // token rotation needs the finish URI.
            Map.entry("PUBLIC_BASE_URL", Set.of("start-checkout", "create-outgoing", "scheduled-installment")),
            Map.entry("ALLOWED_RETURN_ORIGINS", Set.of("start-checkout")),
            Map.entry("RETENTION_DAYS", ALL),
            Map.entry("LOCAL_DEVELOPMENT", ALL),
            Map.entry("MAX_RECEIVE_COUNT", Set.of("create-outgoing")),
            // The looks at a just-created payment within the invocation: only create-outgoing creates payments.
            Map.entry("SETTLE_LOOKS_MS", Set.of("create-outgoing")),
            // Optional and unset in AWS (the production sweep bound); only local chaos runs shorten it.
            Map.entry("SWEEP_AFTER_SECONDS", Set.of()),
            // The storefront events: deliver-events keeps and sends them, start-checkout lists and redelivers them.
            Map.entry("DELIVERIES_TABLE_NAME", Set.of("start-checkout", "deliver-events")),
            Map.entry("DELIVERY_QUEUE_URL", Set.of("start-checkout", "deliver-events")),
            Map.entry("DELIVERY_DLQ_URL", Set.of("deliver-events")),
            // Optional (template parameters defaulting to empty): webhooks and EventBridge are off without them.
            Map.entry("WEBHOOK_URL", Set.of()),
            Map.entry("WEBHOOK_SECRET_ARN", Set.of()),
            Map.entry("EVENT_BUS_NAME", Set.of()),
            Map.entry("POWERTOOLS_SERVICE_NAME", ALL),
            Map.entry("POWERTOOLS_METRICS_NAMESPACE", ALL));

    private static final Pattern ENV_READ = Pattern.compile(
            "(?:opt\\.apply|required\\(env,|integer\\(env,|env\\.get|env\\.getOrDefault|System\\.getenv)\\(?\\s*\"([A-Z][A-Z0-9_]+)\"");

    private static LocalBackends backends;

    @BeforeAll
    static void up(LocalServers servers) throws Exception {
        backends = new LocalBackends(servers);
    }

    static Set<String> variablesReadBy(String... sources) throws IOException {
        Set<String> found = new TreeSet<>();
        for (String source : sources) {
            Matcher m = ENV_READ.matcher(Files.readString(Path.of(System.getProperty("repo.root"), source)));
            while (m.find()) found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyVariableTheCodeReadsIsClassifiedAndEveryClassifiedOneIsRead() throws Exception {
        Set<String> read = variablesReadBy(
                "shared/lambda-support/src/main/java/dev/opfunctions/lambda/FunctionConfig.java",
                "shared/lambda-support/src/main/java/dev/opfunctions/lambda/CheckoutMetrics.java");
        read.remove("AWS_LAMBDA_FUNCTION_NAME"); // set by Lambda itself

        assertTrue(
                read.size() >= 9, "the source scan found too few variables; has FunctionConfig changed shape? " + read);
        assertEquals(
                new TreeSet<>(USED_BY.keySet()),
                read,
                "classify each variable the code reads in USED_BY (which functions need it)");
    }

    @Test
    void theTemplateSetsEveryVariableEachFunctionUses() {
        for (TemplateFunctions.Function f : backends.template.functions()) {
            Map<String, String> env = backends.environment(f);
            USED_BY.forEach((variable, users) -> {
                if (!users.contains(f.name())) return;
                assertTrue(
                        env.containsKey(variable),
                        f.logicalId() + " needs " + variable + " but the template does not set it");
                assertFalse(
                        env.get(variable).isBlank(), f.logicalId() + "'s " + variable + " resolves to an empty value");
            });
            assertEquals(
                    f.name(), env.get("POWERTOOLS_SERVICE_NAME"), f.logicalId() + "'s service name names its function");
            assertEquals(
                    "false", env.get("LOCAL_DEVELOPMENT"), f.logicalId() + " must not allow local wallet URLs on AWS");
        }
    }
}
