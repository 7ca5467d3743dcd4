package dev.opfunctions.functions.scheduledinstallment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.opfunctions.lambda.AwsPorts;
import dev.opfunctions.lambda.FunctionConfig;
import dev.opfunctions.lambda.Invocations;
import dev.opfunctions.lambda.Observability;
import dev.opfunctions.lambda.Ports;
import dev.opfunctions.lambda.Services;
import dev.opfunctions.lambda.priming.Priming;
import dev.opfunctions.lambda.priming.SecretsWarmup;
import dev.opfunctions.lambda.priming.Warmups;
import java.util.Map;

/**
 * scheduled-installment: on every EventBridge tick, pages through the checkouts with something due
 * (DueIndex), claims each due installment and hands it to create-outgoing over the commands queue
 * (batched), where the workers rotate the payment token and prepare the incoming payments and quotes in
 * parallel; it also resumes stalled checkouts. Returns a small summary.
 */
public final class ScheduledInstallmentHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final InstallmentRun run;
    private final Priming priming; // held: CRaC may keep registered resources only weakly

    /** Lambda's constructor: configuration from the environment, real AWS and wallet clients built once per container. */
    public ScheduledInstallmentHandler() {
        this(FunctionConfig.fromEnv());
    }

    private ScheduledInstallmentHandler(FunctionConfig config) {
        this(config, AwsPorts.fromEnvironment(config));
    }

    /** Tests' constructor: any configuration and ports. */
    public ScheduledInstallmentHandler(FunctionConfig config, Ports ports) {
        this.run = InstallmentRun.from(new Services(config, Observability.observe(ports)));
        this.priming = Priming.register(
                Warmups.json(), Warmups.dynamoDb(), Warmups.sqs(), Warmups.signing(), SecretsWarmup.step());
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Invocations.run(context, () -> run.handle(event));
    }
}
