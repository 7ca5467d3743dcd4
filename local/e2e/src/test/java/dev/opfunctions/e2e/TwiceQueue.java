package dev.opfunctions.e2e;

import dev.opfunctions.checkout.command.Command;
import dev.opfunctions.checkout.port.CommandQueue;
import dev.opfunctions.lambda.Ports;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** An at-least-once queue at its worst: every command is sent twice, as SQS may deliver it. */
record TwiceQueue(CommandQueue inner) implements CommandQueue {

    @Override
    public void send(Command c, Duration delay) {
        inner.send(c, delay);
        inner.send(c, delay);
    }

    /** For {@link LocalStack}: the functions' ports with every command they send doubled. */
    static UnaryOperator<Ports> everyCommandTwice() {
        return p -> new Ports(
                p.store(),
                new TwiceQueue(p.queue()),
                p.wallets(),
                p.walletCache(),
                p.finishHash(),
                p.resolver(),
                p.clock());
    }
}
