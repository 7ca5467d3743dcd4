package dev.opfunctions.functions.deliverevents;

import dev.opfunctions.lambda.FunctionConfig;
import java.net.URI;
import java.util.Map;

/**
 * What deliver-events needs of the configuration ({@link FunctionConfig}, read once from the environment); a
 * missing required variable fails the cold start naming it.
 *
 * @param tableName        TABLE_NAME: the payments table (a plan's installment items are read from it)
 * @param deliveriesTable  DELIVERIES_TABLE_NAME: EventDeliveriesTable
 * @param deliveryQueueUrl DELIVERY_QUEUE_URL: EventDeliveryQueue
 * @param deliveryDlqUrl   DELIVERY_DLQ_URL: EventDeliveryDLQ (events given up on)
 * @param webhookUrl       WEBHOOK_URL, or null: webhooks off
 * @param webhookSecretArn WEBHOOK_SECRET_ARN, required when WEBHOOK_URL is set
 * @param eventBusName     EVENT_BUS_NAME, or null: no EventBridge events; {@code default} is the default bus
 */
public record DeliverEventsConfig(
        String tableName,
        String deliveriesTable,
        String deliveryQueueUrl,
        String deliveryDlqUrl,
        URI webhookUrl,
        String webhookSecretArn,
        String eventBusName) {

    public static DeliverEventsConfig from(Map<String, String> env) {
        FunctionConfig config = FunctionConfig.from(env);
        FunctionConfig.Events e = config.events();
        URI url = null;
        if (e.webhookUrl() != null) {
            url = URI.create(e.webhookUrl());
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()))
                throw new IllegalStateException("environment variable WEBHOOK_URL must be an http(s) URL");
        }
        return new DeliverEventsConfig(
                config.tableName(),
                FunctionConfig.require(e.deliveriesTable(), "DELIVERIES_TABLE_NAME"),
                FunctionConfig.require(e.deliveryQueueUrl(), "DELIVERY_QUEUE_URL"),
                FunctionConfig.require(e.deliveryDlqUrl(), "DELIVERY_DLQ_URL"),
                url,
                url == null ? null : FunctionConfig.require(e.webhookSecretArn(), "WEBHOOK_SECRET_ARN"),
                e.eventBusName());
    }

    public boolean webhooksOn() {
        return webhookUrl != null;
    }

    public boolean busOn() {
        return eventBusName != null;
    }
}
