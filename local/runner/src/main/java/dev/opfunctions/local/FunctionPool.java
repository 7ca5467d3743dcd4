package dev.opfunctions.local;

import dev.opfunctions.aws.local.InvocationResult;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.stream.Collectors;

/**
 * Several execution environments of one function behind one {@link LocalFunction}, the way Lambda
 * scales a function out: each invocation goes to an idle environment (the one that finished last, so
 * a light load keeps using the same warm one, as Lambda reuses its warmest), and waits while all are
 * busy, so at most N invocations run at once, like a reserved concurrency of N. The gateway, the SQS
 * pollers and the schedule use it as they use a single environment.
 */
public final class FunctionPool implements LocalFunction {
    private final FunctionDefinition definition;
    private final List<LocalFunction> environments;
    private final LinkedBlockingDeque<LocalFunction> idle;

    /** @param environments launched environments of the same function (at least one); closed with the pool */
    public FunctionPool(List<LocalFunction> environments) {
        if (environments.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one execution environment");
        }
        this.definition = environments.get(0).definition();
        this.environments = List.copyOf(environments);
        this.idle = new LinkedBlockingDeque<>(this.environments);
    }

    @Override
    public FunctionDefinition definition() {
        return definition;
    }

    @Override
    public InvocationResult invoke(String eventJson) throws InterruptedException {
        LocalFunction environment = idle.takeFirst();
        try {
            return environment.invoke(eventJson);
        } finally {
            idle.putFirst(environment);
        }
    }

    @Override
    public List<LocalFunction> environments() {
        return environments;
    }

    /** How many environments are busy right now. */
    public int busy() {
        return environments.size() - idle.size();
    }

    /** E.g. "4 execution environments: runtime interface client, pids 11, 12, 13, 14". */
    @Override
    public String describe() {
        List<String> each = environments.stream().map(LocalFunction::describe).toList();
        String first = each.get(0);
        int pid = first.lastIndexOf(", pid ");
        String how = pid < 0 ? first : first.substring(0, pid);
        boolean alike = each.stream().allMatch(d -> pid < 0 ? d.equals(first) : d.startsWith(how + ", pid "));
        String detail = !alike
                ? String.join("; ", each)
                : pid < 0
                        ? how
                        : how + ", pids "
                                + each.stream()
                                        .map(d -> d.substring(how.length() + ", pid ".length()))
                                        .collect(Collectors.joining(", "));
        return environments.size() + " execution environments: " + detail;
    }

    @Override
    public void close() {
        for (LocalFunction environment : environments) {
            environment.close();
        }
    }
}
