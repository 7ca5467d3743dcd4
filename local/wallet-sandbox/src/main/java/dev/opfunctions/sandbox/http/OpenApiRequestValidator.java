package dev.opfunctions.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opfunctions.openapi.OpenApiSpec;
import dev.opfunctions.openapi.OpenApiSpecs;
import dev.opfunctions.openapi.UnknownOperationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RequestValidator} backed by the official Open Payments 1.3.0 OpenAPI documents. */
public final class OpenApiRequestValidator implements RequestValidator {

    private static final Map<Path, OpenApiSpecs> LOADED = new ConcurrentHashMap<>();

    private final OpenApiSpecs specs;

    public OpenApiRequestValidator(OpenApiSpecs specs) {
        this.specs = specs;
    }

    /** Loads (once per JVM and directory) the specs from {@code dir}, or from the usual places when null. */
    public static OpenApiRequestValidator load(Path dir) {
        Path where =
                (dir == null ? OpenApiSpecs.locate() : dir).toAbsolutePath().normalize();
        return new OpenApiRequestValidator(LOADED.computeIfAbsent(where, OpenApiSpecs::fromDirectory));
    }

    public OpenApiSpecs specs() {
        return specs;
    }

    @Override
    public List<String> validateBody(Api api, String method, String specPath, JsonNode body) {
        try {
            return spec(api).validateRequest(method, specPath, body);
        } catch (UnknownOperationException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public List<String> validateQuery(Api api, String method, String specPath, String rawQuery) {
        try {
            return spec(api).validateQuery(method, specPath, rawQuery == null ? "" : rawQuery);
        } catch (UnknownOperationException e) {
            return List.of(e.getMessage());
        }
    }

    private OpenApiSpec spec(Api api) {
        return switch (api) {
            case AUTH_SERVER -> specs.authServer();
            case RESOURCE_SERVER -> specs.resourceServer();
            case WALLET_ADDRESS_SERVER -> specs.walletAddressServer();
        };
    }
}
