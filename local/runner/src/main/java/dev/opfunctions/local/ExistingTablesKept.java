package dev.opfunctions.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * A DynamoDB client for creating the template's tables in a database persisted from an earlier run:
 * a table that already exists is kept as it is (with its items), and re-enabling TTL on it is a no-op.
 * Only the two calls table creation makes are offered; the real client does the work.
 */
final class ExistingTablesKept implements DynamoDbClient {
    private final DynamoDbClient delegate;

    ExistingTablesKept(DynamoDbClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        try {
            return delegate.createTable(request);
        } catch (ResourceInUseException e) {
            return CreateTableResponse.builder()
                    .tableDescription(delegate.describeTable(b -> b.tableName(request.tableName()))
                            .table())
                    .build();
        }
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
        var current = delegate.describeTimeToLive(b -> b.tableName(request.tableName()))
                .timeToLiveDescription();
        if (current != null
                && request.timeToLiveSpecification().attributeName().equals(current.attributeName())
                && Boolean.TRUE.equals(request.timeToLiveSpecification().enabled())
                && "ENABLED".equals(current.timeToLiveStatusAsString())) {
            return UpdateTimeToLiveResponse.builder()
                    .timeToLiveSpecification(request.timeToLiveSpecification())
                    .build();
        }
        return delegate.updateTimeToLive(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        // the delegate belongs to the LocalDynamoDb server and closes with it
    }
}
