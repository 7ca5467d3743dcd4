package dev.opfunctions.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.sandbox.auth.AuthState;
import dev.opfunctions.sandbox.resource.ResourceState;
import dev.opfunctions.sandbox.state.Records;
import dev.opfunctions.sandbox.state.Records.EntryRec;
import dev.opfunctions.sandbox.state.Records.GrantRec;
import dev.opfunctions.sandbox.state.Records.IncomingRec;
import dev.opfunctions.sandbox.state.Records.InteractionRec;
import dev.opfunctions.sandbox.state.Records.OutgoingRec;
import dev.opfunctions.sandbox.state.Records.QuoteRec;
import dev.opfunctions.sandbox.state.Records.TokenRec;
import dev.opfunctions.sandbox.wallet.JwkJson;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Puts a saved world back into a sandbox that has not started anything yet: the clock's offset, every
 * provider on the port it had (wallet address URLs contain it: they are the wallets' identity), the
 * wallet addresses and their client keys, the ledger (not funded again), grants, tokens, interactions,
 * payments and quotes. Outgoing payments that were still sending are settled again.
 */
final class SandboxRestore {

    private final Map<String, Records.Rec> saved;

    SandboxRestore(Map<String, Records.Rec> saved) {
        this.saved = saved;
    }

    /** Restores everything; returns the admin port the saved sandbox used, if it was saved. */
    OptionalInt into(WalletSandbox sandbox) {
        if (saved.isEmpty()) return OptionalInt.empty();
        of(Records.ClockRec.class).forEach(c -> sandbox.clock.advance(Duration.parse(c.offset())));
        of(Records.ProviderRec.class).forEach(p -> sandbox.startProvider(p.name(), p.port()));
        for (Records.WalletRec w : of(Records.WalletRec.class)) {
            sandbox.addWalletAddress(
                    w.provider(), w.name(), w.asset().assetCode(), w.asset().assetScale(), w.publicName());
        }
        for (Records.KeysRec k : of(Records.KeysRec.class)) {
            for (JsonNode jwk : k.keys()) {
                sandbox.directory.registerKey(
                        k.walletUrl(),
                        JwkJson.read(jwk).orElseThrow(() -> new IllegalStateException("saved key is no JWK: " + jwk)));
            }
        }
        sandbox.ledger.restore(of(EntryRec.class).stream()
                .sorted(Comparator.comparingLong(EntryRec::sequence))
                .map(SandboxPersistence::entry)
                .toList());
        for (ProviderServer server : sandbox.servers()) {
            String name = server.provider.name();
            AuthState.restore(
                    server.auth,
                    of(GrantRec.class).stream()
                            .filter(g -> g.provider().equals(name))
                            .toList(),
                    of(TokenRec.class).stream()
                            .filter(t -> t.provider().equals(name))
                            .toList(),
                    of(InteractionRec.class).stream()
                            .filter(i -> i.provider().equals(name))
                            .toList());
        }
        ResourceState.restore(
                sandbox.store,
                sandbox.directory,
                sandbox.settlement,
                of(IncomingRec.class).stream()
                        .sorted(Comparator.comparingLong(IncomingRec::sequence))
                        .toList(),
                of(QuoteRec.class),
                of(OutgoingRec.class).stream()
                        .sorted(Comparator.comparingLong(OutgoingRec::sequence))
                        .toList());
        return of(Records.AdminRec.class).stream()
                .mapToInt(Records.AdminRec::port)
                .findFirst();
    }

    private <T extends Records.Rec> List<T> of(Class<T> type) {
        return saved.values().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
