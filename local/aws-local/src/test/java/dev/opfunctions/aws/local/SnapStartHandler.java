package dev.opfunctions.aws.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Core;
import org.crac.Resource;

/**
 * Test handler that registers an org.crac resource, as the functions' priming does, and answers with
 * the hooks the runtime ran. {@code FAIL_AFTER_RESTORE=true} makes the restore hook throw.
 */
public class SnapStartHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final List<String> HOOKS = new CopyOnWriteArrayList<>();
    private final Resource resource = new Resource() {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            HOOKS.add("beforeCheckpoint");
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            HOOKS.add("afterRestore");
            if ("true".equals(System.getenv("FAIL_AFTER_RESTORE")))
                throw new IllegalStateException("restore hook failed");
        }
    };

    public SnapStartHandler() {
        Core.getGlobalContext().register(resource);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Map.of("hooks", List.copyOf(HOOKS));
    }
}
