package dev.opfunctions.lambda.priming;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * Throwaway SDK clients for priming: the same service client classes, region and endpoint rules
 * as the real ones, but on a {@link CannedHttpClient} and with dummy static credentials, so neither
 * the network nor the credential chain (profile files, instance metadata) is touched.
 */
final class SdkPriming {

    private SdkPriming() {}

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, CannedHttpClient http) {
        builder.httpClient(http);
        return builder.region(region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .build();
    }

    /** Lambda's region when set (so endpoint rules resolve as they will for real), else us-east-1. */
    static Region region() {
        return Optional.ofNullable(System.getenv("AWS_REGION"))
                .filter(r -> !r.isBlank())
                .map(Region::of)
                .orElse(Region.US_EAST_1);
    }
}
