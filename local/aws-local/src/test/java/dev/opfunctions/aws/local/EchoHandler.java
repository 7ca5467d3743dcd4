package dev.opfunctions.aws.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Test handler run by the runtime interface client in a child JVM: echoes its input and context. */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final String greeting = System.getenv("GREETING"); // read once at init, like real config

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (Boolean.TRUE.equals(input.get("fail"))) {
            throw new IllegalArgumentException("asked to fail");
        }
        return Map.of(
                "echo",
                input,
                "greeting",
                greeting,
                "functionName",
                context.getFunctionName(),
                "requestId",
                context.getAwsRequestId(),
                "hasTimeLeft",
                context.getRemainingTimeInMillis() > 0);
    }
}
