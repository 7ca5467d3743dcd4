package dev.opfunctions.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opfunctions.aws.local.DynamoDbStreamPoller;
import dev.opfunctions.aws.local.LocalAws;
import dev.opfunctions.aws.local.LocalDynamoDb;
import dev.opfunctions.aws.local.LocalSecretsManager;
import dev.opfunctions.aws.local.LocalSqs;
import dev.opfunctions.aws.local.SamTemplate;
import dev.opfunctions.aws.local.SqsLambdaPoller;
import dev.opfunctions.aws.local.TemplateResources;
import dev.opfunctions.sandbox.WalletSandbox;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole product on one machine: DynamoDB and Secrets Manager on moto and ElasticMQ, with the
 * template's table, queues and secrets; the wallets ({@link WalletWorld}: the wallet sandbox with the
 * demo world and the shop's client identity, or real wallets that nothing here starts); every Java
 * function of the template (through the runtime interface client, or directly);
 * the HTTP API routed from the template; the SQS event source mapping with partial batch failures
 * and the dead-letter queue; the schedule; and the demo storefront. {@link #close()} stops it all.
 */
public final class LocalProduct implements AutoCloseable {
    /** Name of the extra MXN wallet address that takes the marketplace's share in split checkouts. */
    public static final String MARKETPLACE_FEES_WALLET = "marketplace-fees";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final RunnerSettings settings;
    private LocalHttpServer http;
    private LocalDynamoDb dynamoDb;
    private LocalSqs sqs;
    private LocalSecretsManager secrets;
    private WalletWorld world;
    private ClientIdentity client;
    private TemplateResources resources;
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Map<String, String> notRunning = new LinkedHashMap<>();
    private final List<SqsLambdaPoller> pollers = new ArrayList<>();
    private final List<DynamoDbStreamPoller> streamPollers = new ArrayList<>();
    private final List<ScheduleTicker> schedules = new ArrayList<>();
    private final List<String> eventSources = new ArrayList<>();
    private Optional<String> apiKey = Optional.empty();
    private LocalEventBus eventBus;
    private Storefront storefront;
    private Optional<WebhookSecret> webhookSecret = Optional.empty();
    private final Map<String, Duration> phases = new LinkedHashMap<>();

    private final Map<String, String> functionEnvironment;
    private final UnaryOperator<LocalFunction> around;

    private LocalProduct(
            RunnerSettings settings, Map<String, String> functionEnvironment, UnaryOperator<LocalFunction> around) {
        this.settings = settings;
        this.around = around;
        Map<String, String> environment = new java.util.HashMap<>();
        settings.sweepAfter().ifPresent(d -> environment.put("SWEEP_AFTER_SECONDS", Long.toString(d.toSeconds())));
        environment.putAll(functionEnvironment);
        this.functionEnvironment = Map.copyOf(environment);
    }

    /** Starts everything; on any failure, stops what had started and rethrows. */
    public static LocalProduct start(RunnerSettings settings) throws IOException, InterruptedException {
        return start(settings, Map.of());
    }

    /**
     * Starts everything with extra environment variables for every function, set after the
     * template's (the chaos run shortens the sweep bound with {@code SWEEP_AFTER_SECONDS}).
     */
    public static LocalProduct start(RunnerSettings settings, Map<String, String> functionEnvironment)
            throws IOException, InterruptedException {
        return start(settings, functionEnvironment, UnaryOperator.identity());
    }

    /**
     * As {@link #start(RunnerSettings, Map)}, with every function passed through {@code around} before
     * the gateway, the event sources and the schedule get it (bin/bench-load meters invocations there).
     * When {@code functionEnvironment} sets {@code AWS_ENDPOINT_URL_SQS}, the SQS event source mappings
     * poll that endpoint too, as Lambda's pollers reach the same SQS as the functions.
     */
    public static LocalProduct start(
            RunnerSettings settings, Map<String, String> functionEnvironment, UnaryOperator<LocalFunction> around)
            throws IOException, InterruptedException {
        LocalProduct product = new LocalProduct(settings, functionEnvironment, around);
        try {
            product.startAll();
            return product;
        } catch (IOException | InterruptedException | RuntimeException e) {
            product.close();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        Instant begin = Instant.now();
        http = keep(LocalHttpServer.bind(settings.port(), settings.log()));
        String baseUrl = "http://localhost:" + http.port();

        // The servers are independent, so they start side by side (each takes a second or two).
        CompletableFuture<LocalDynamoDb> ddb = CompletableFuture.supplyAsync(
                () -> LocalDynamoDb.start(settings.persistDir().map(d -> d.resolve("dynamodb"))));
        CompletableFuture<LocalSqs> queues = CompletableFuture.supplyAsync(
                () -> LocalSqs.start(settings.persistDir().map(d -> d.resolve("sqs"))));
        CompletableFuture<WalletWorld> wallets = CompletableFuture.supplyAsync(() -> WalletWorld.start(settings));
        secrets = keep(LocalSecretsManager.start());
        dynamoDb = keep(join(ddb, ddb, queues, wallets));
        sqs = keep(join(queues, ddb, queues, wallets));
        world = keep(join(wallets, ddb, queues, wallets));
        begin = phase(world.sandbox().isPresent() ? "local servers and wallet sandbox" : "local servers", begin);

        client = world.prepareClient(secrets);
        SamTemplate template = SamTemplate.load(settings.repoRoot().resolve("template.yaml"));
        eventBus = keep(LocalEventBus.start(eventBusNames(template)));
        settings.log()
                .accept("EventBridge stand-in on " + eventBus.endpoint() + " (GET " + LocalEventBus.EVENTS_PATH
                        + " lists what the functions put)");
        Map<String, String> parameters = parameters(baseUrl, template);

        DynamoDbClient tables =
                settings.persistDir().isPresent() ? new ExistingTablesKept(dynamoDb.client()) : dynamoDb.client();
        // Locally a failed command should come back in seconds, not after the template's 6 minutes.
        Map<String, Map<QueueAttributeName, String>> queueOverrides = new LinkedHashMap<>();
        TemplateFunctions.eventSourceQueues(template)
                .forEach(q -> queueOverrides.put(
                        q,
                        Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Long.toString(settings.visibilityTimeout().toSeconds()))));
        resources = TemplateResources.create(template, tables, sqs.client(), parameters, queueOverrides);
        Map<String, FunctionDefinition> definitions =
                TemplateFunctions.read(template, resources.resolver(), settings.repoRoot());
        begin = phase("client identity, table and queues", begin);
        launchAll(
                definitions,
                keep(settings.direct() ? new DirectLauncher(dynamoDb, sqs, secrets) : new RicLauncher(settings)));
        begin = phase("functions initialized", begin);

        HttpRoutes routes = HttpRoutes.fromTemplate(template, resources.resolver());
        Optional<ApiKeyAuthorizer> authorizer = apiKey.map(key -> new ApiKeyAuthorizer(
                ApiKeyAuthorizer.identityHeader(template).orElse("x-api-key"),
                () -> secrets.client()
                        .getSecretValue(b -> b.secretId(parameters.get("ApiKeySecretArn")))
                        .secretString()));
        ApiGateway gateway = new ApiGateway(
                routes,
                functions,
                new ApiGatewayEvents.Api(LocalAws.ACCOUNT_ID, "local", "$default", http.port()),
                authorizer,
                settings.log());
        Storefront.Credentials credentials = authorizer.isPresent()
                ? request -> request.withHeader(authorizer.get().headerName(), apiKey.get())
                : request -> request;
        storefront = new Storefront(gateway, credentials, this::storefrontConfig);
        // The storefront listens only when the webhooks come to it (not with --webhook-url elsewhere) and a running
        // function reads the table's stream (not with --direct, where deliver-events does not run): its order pages
        // follow by push only while something pushes, and poll otherwise.
        boolean streamRead = functions.values().stream()
                .anyMatch(f ->
                        f.definition().events().stream().anyMatch(e -> e instanceof FunctionDefinition.DynamoDbSource));
        if (settings.webhookUrl().isEmpty() && streamRead)
            webhookSecret.ifPresent(s -> storefront.acceptWebhooks(s.value()));
        http.start(gateway, Optional.of(storefront));

        startEventSources(definitions);
        phase("HTTP API, storefront, event sources", begin);
    }

    private Instant phase(String name, Instant since) {
        Instant now = Instant.now();
        phases.put(name, Duration.between(since, now));
        return now;
    }

    /** How long each start-up phase took. */
    public Map<String, Duration> startupPhases() {
        return java.util.Collections.unmodifiableMap(phases);
    }

    /** The template parameters, as {@code sam deploy --parameter-overrides} would give them. */
    private Map<String, String> parameters(String baseUrl, SamTemplate template) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ClientWalletAddress", client.walletAddress());
        p.put("MerchantWalletAddress", world.merchantWalletAddress());
        p.put("ClientKeySecretArn", client.secretArn());
        p.put("AllowedReturnOrigins", baseUrl + ",http://127.0.0.1:" + http.port());
        p.put("PublicBaseUrl", baseUrl);
        p.put("ApiAuthMode", settings.apiAuth().name());
        if (settings.apiAuth() == RunnerSettings.ApiAuth.API_KEY) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            apiKey = Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            p.put("ApiKeySecretArn", secrets.createSecret("opfunctions/local/api-key", apiKey.get()));
        }
        webhooks(template.parameters().keySet(), p);
        return p;
    }

    /**
     * The webhook and event parameters, only for a template that declares them: a signing secret in the
     * local Secrets Manager (kept under {@code --persist}), webhooks to the storefront's receiver (or
     * {@code --webhook-url}), and events to the {@code default} bus of the {@link LocalEventBus}.
     */
    private void webhooks(java.util.Set<String> declared, Map<String, String> p) {
        if (declared.contains("WebhookSecretArn")) {
            webhookSecret = Optional.of(WebhookSecret.create(secrets, settings.persistDir()));
            p.put("WebhookSecretArn", webhookSecret.get().arn());
        }
        if (declared.contains("WebhookUrl")) {
            p.put("WebhookUrl", settings.webhookUrl().orElse("http://127.0.0.1:" + http.port() + "/webhooks"));
        }
        if (declared.contains("EventBusName")) {
            p.put("EventBusName", "default");
        }
    }

    /** The buses PutEvents may name locally: {@code default} and the template's {@code AWS::Events::EventBus} names. */
    private static java.util.Set<String> eventBusNames(SamTemplate template) {
        java.util.Set<String> names = new java.util.HashSet<>();
        template.propertiesOfType("AWS::Events::EventBus").forEach((id, props) -> {
            if (props.get("Name") instanceof String name) names.add(name);
        });
        return names;
    }

    /** The environment a function gets locally: the template's, pointed at the local servers. */
    Map<String, String> localEnvironment(FunctionDefinition definition) {
        Map<String, String> env = new LinkedHashMap<>(definition.environment());
        // Plain-http wallet URLs and loopback addresses only for the sandbox or when asked; otherwise the
        // functions apply the same public-https policy as on AWS.
        env.put("LOCAL_DEVELOPMENT", Boolean.toString(world.allowsInsecureWallets()));
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBus.endpoint().toString());
        env.putAll(functionEnvironment);
        return env;
    }

    /**
     * Launches {@code settings.concurrency()} execution environments of every function that can run, side by
     * side; several of one function go behind a {@link FunctionPool}. At most {@link #launchesAtOnce()} start at
     * the same time, so that forty child JVMs initializing on two cores do not run past their init timeout.
     */
    private void launchAll(Map<String, FunctionDefinition> definitions, FunctionLauncher launcher)
            throws InterruptedException {
        Map<String, List<CompletableFuture<LocalFunction>>> starting = new LinkedHashMap<>();
        Semaphore launching = new Semaphore(launchesAtOnce());
        definitions.forEach((id, definition) -> {
            String reason = launcher.unavailableReason(definition);
            if (reason != null) {
                notRunning.put(id, reason);
                settings.log().accept("NOT STARTED " + definition.name() + ": " + reason);
                return;
            }
            List<CompletableFuture<LocalFunction>> environments = new ArrayList<>();
            for (int i = 0; i < settings.concurrency(); i++) {
                environments.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        launching.acquire();
                        try {
                            return launcher.launch(definition, localEnvironment(definition));
                        } finally {
                            launching.release();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while starting " + definition.name(), e);
                    }
                }));
            }
            starting.put(id, environments);
        });
        RuntimeException failure = null;
        for (Map.Entry<String, List<CompletableFuture<LocalFunction>>> e : starting.entrySet()) {
            List<LocalFunction> started = new ArrayList<>();
            for (CompletableFuture<LocalFunction> environment : e.getValue()) {
                try {
                    LocalFunction function = around.apply(environment.join());
                    started.add(function);
                    running.push(function);
                } catch (RuntimeException ex) {
                    failure = failure == null
                            ? new IllegalStateException("a function failed to start: " + ex.getCause(), ex)
                            : failure;
                }
            }
            if (started.size() == e.getValue().size()) {
                functions.put(e.getKey(), started.size() == 1 ? started.get(0) : new FunctionPool(started));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Every function of the template at once (as before {@code --concurrency}), or twice the processors. */
    private static int launchesAtOnce() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    private void startEventSources(Map<String, FunctionDefinition> definitions) {
        SqsClient pollerSqs = Optional.ofNullable(functionEnvironment.get("AWS_ENDPOINT_URL_SQS"))
                .map(endpoint -> keep(LocalAws.build(SqsClient.builder(), java.net.URI.create(endpoint))))
                .orElse(sqs.client());
        definitions.forEach((id, definition) -> {
            LocalFunction function = functions.get(id);
            for (FunctionDefinition.EventSource source : definition.events()) {
                if (function == null) {
                    settings.log()
                            .accept("event source " + definition.name() + "." + source.name()
                                    + " is off: the function is not running");
                    continue;
                }
                switch (source) {
                    case FunctionDefinition.SqsSource q -> {
                        TemplateResources.LocalQueue queue = resources.queue(q.queueLogicalId());
                        int concurrency = Math.min(
                                settings.concurrency(), q.maximumConcurrency().orElse(settings.concurrency()));
                        SqsLambdaPoller poller = new SqsLambdaPoller(
                                pollerSqs,
                                queue.url(),
                                queue.arn(),
                                new SqsFunctionHandler(function, q.reportBatchItemFailures()),
                                new SqsLambdaPoller.Settings(
                                        definition.name(), q.batchSize(), 1, definition.timeout(), concurrency));
                        poller.start();
                        pollers.add(poller);
                        eventSources.add("SQS " + queue.name() + " -> " + definition.name() + " (batches of up to "
                                + q.batchSize() + ", " + (concurrency == 1 ? "one" : concurrency) + " at a time"
                                + (q.maximumConcurrency().isPresent()
                                        ? " of MaximumConcurrency "
                                                + q.maximumConcurrency().getAsInt()
                                        : "")
                                + (q.reportBatchItemFailures() ? ", partial batch failures" : "")
                                + redrive(queue) + ")");
                        running.push(poller);
                    }
                    case FunctionDefinition.DynamoDbSource d -> {
                        DynamoDbStreamPoller poller =
                                StreamEventSources.start(definition, d, function, dynamoDb, pollerSqs, resources);
                        streamPollers.add(poller);
                        eventSources.add(StreamEventSources.describe(definition, d, resources));
                        running.push(poller);
                    }
                    case FunctionDefinition.ScheduleSource s -> {
                        Duration period =
                                settings.schedulePeriod().orElseGet(() -> ScheduleTicker.period(s.expression()));
                        ScheduleTicker ticker =
                                ScheduleTicker.start(function, "local-" + id + s.name(), period, settings.log());
                        schedules.add(ticker);
                        eventSources.add("schedule " + s.expression() + " -> " + definition.name() + " every "
                                + period.toSeconds() + " s");
                        running.push(ticker);
                    }
                }
            }
        });
    }

    /** The queue's redrive policy as the local SQS holds it, e.g. ", to the DLQ PaymentCommandsDLQ after 5 receives". */
    private String redrive(TemplateResources.LocalQueue queue) {
        String policy = sqs.client()
                .getQueueAttributes(b -> b.queueUrl(queue.url()).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes()
                .get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null) {
            return ", no dead-letter queue";
        }
        try {
            var json = JSON.readTree(policy);
            String arn = json.path("deadLetterTargetArn").asText();
            return ", to the DLQ " + arn.substring(arn.lastIndexOf(':') + 1) + " after "
                    + json.path("maxReceiveCount").asText() + " receives";
        } catch (IOException e) {
            return ", redrive policy " + policy;
        }
    }

    /**
     * What the storefront's pages need to know: which wallets to offer and in which asset to price, and
     * whether the functions accept the shop's plain-http return URL (only in local development).
     */
    private ObjectNode storefrontConfig() {
        ObjectNode config = JSON.createObjectNode();
        config.put("apiBase", Storefront.API_PREFIX);
        config.put("returnToShop", world.allowsInsecureWallets());
        world.describeToStorefront(config);
        return config;
    }

    private <T extends AutoCloseable> T keep(T resource) {
        running.push(resource);
        return resource;
    }

    /**
     * Waits for one of several servers starting side by side. If any failed, the others are waited
     * for and closed too, so nothing keeps running after a failed start.
     */
    @SafeVarargs
    private static <T> T join(CompletableFuture<T> wanted, CompletableFuture<? extends AutoCloseable>... all) {
        try {
            return wanted.join();
        } catch (RuntimeException e) {
            for (CompletableFuture<? extends AutoCloseable> f : all) {
                try {
                    AutoCloseable started = f.join();
                    started.close();
                } catch (Exception ignored) {
                    // that one failed to start as well; nothing to close
                }
            }
            throw e;
        }
    }

    /** The storefront's and the API's base URL, {@code http://localhost:PORT}. */
    public String baseUrl() {
        return "http://localhost:" + http.port();
    }

    /** The HTTP port. */
    public int port() {
        return http.port();
    }

    /**
     * The wallet sandbox.
     *
     * @throws IllegalStateException with external wallets: no sandbox runs, and nothing may act as if it did
     */
    public WalletSandbox sandbox() {
        return world.sandbox()
                .orElseThrow(() -> new IllegalStateException(
                        "the wallets are external (--wallets external): there is no wallet sandbox to call"));
    }

    /** Where the wallets come from (sandbox or external). */
    WalletWorld wallets() {
        return world;
    }

    /** The shop's client identity (on the sandbox, or the external one the options name). */
    public ClientIdentity client() {
        return client;
    }

    /** The template's table and queues, as created locally. */
    public TemplateResources resources() {
        return resources;
    }

    /** DynamoDB (a moto server). */
    public LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    /** Secrets Manager (a moto server): the client key's, the API key's and the webhook secret's. */
    public LocalSecretsManager secrets() {
        return secrets;
    }

    /** ElasticMQ. */
    public LocalSqs sqs() {
        return sqs;
    }

    /** The running functions by logical id. */
    public Map<String, LocalFunction> functions() {
        return java.util.Collections.unmodifiableMap(functions);
    }

    /** Functions that are defined but not running, with the reason. */
    public Map<String, String> notRunning() {
        return java.util.Collections.unmodifiableMap(notRunning);
    }

    /** The SQS event source mappings. */
    public List<SqsLambdaPoller> pollers() {
        return List.copyOf(pollers);
    }

    /** The DynamoDB stream event source mappings ({@code Type: DynamoDB} events of the template). */
    public List<DynamoDbStreamPoller> streamPollers() {
        return List.copyOf(streamPollers);
    }

    /** The schedules. */
    public List<ScheduleTicker> schedules() {
        return List.copyOf(schedules);
    }

    /** One line per running event source, for the start-up summary. */
    public List<String> eventSources() {
        return List.copyOf(eventSources);
    }

    /** The EventBridge stand-in the functions' {@code AWS_ENDPOINT_URL_EVENTBRIDGE} points at. */
    public LocalEventBus eventBus() {
        return eventBus;
    }

    /**
     * The demo storefront: what its webhook receiver verified and recorded ({@link Storefront#received}),
     * and a way to make that receiver fail on purpose ({@link Storefront#refuseWebhooks}).
     */
    public Storefront storefront() {
        return storefront;
    }

    /**
     * The webhook signing secret the functions get through {@code WebhookSecretArn}; empty when the
     * template declares no such parameter.
     */
    public Optional<WebhookSecret> webhookSecret() {
        return webhookSecret;
    }

    /** The API key the local API requires on protected routes (API_KEY mode). */
    public Optional<String> apiKey() {
        return apiKey;
    }

    /** Stops everything, newest first; stopping continues past a part that fails to stop. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                settings.log().accept("while stopping " + part.getClass().getSimpleName() + ": " + e);
            }
        }
    }
}
