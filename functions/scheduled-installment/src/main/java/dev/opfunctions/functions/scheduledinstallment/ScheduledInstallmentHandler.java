package dev.opfunctions.functions.scheduledinstallment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.opfunctions.aws.AwsPorts;
import dev.opfunctions.aws.FunctionConfig;
import dev.opfunctions.aws.Ports;
import dev.opfunctions.aws.Wiring;
import dev.opfunctions.aws.lambda.InstallmentRun;
import dev.opfunctions.aws.observability.Invocations;
import dev.opfunctions.aws.observability.Observability;
import dev.opfunctions.aws.observability.Priming;
import dev.opfunctions.aws.observability.SecretsWarmup;
import dev.opfunctions.aws.observability.Warmups;
import java.util.Map;

/**
 * scheduled-installment: on every EventBridge tick, finds the installment plans with something due
 * (DueIndex), rotates their payment tokens, prepares the due installments' incoming payments and
 * quotes, and hands them to create-outgoing over the commands queue. Returns a small summary.
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
        this.run = new Wiring(config, Observability.observe(ports)).installmentRun();
        this.priming = Priming.register(Warmups.json(), Warmups.dynamoDb(), Warmups.sqs(), Warmups.signing(), SecretsWarmup.step());
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return Invocations.run(context, () -> run.handle(event));
    }
}
