package dev.opfunctions.functions.deliverevents;

import dev.opfunctions.lambda.FunctionConfig;
import java.net.URI;
import java.util.Map;

/**
 * deliver-events' configuration, read once from the environment; a missing required variable fails the cold
 * start naming it.
 *
 * @param tableName          TABLE_NAME: the payments table (a plan's installment items are read from it)
 * @param deliveriesTable    DELIVERIES_TABLE_NAME: EventDeliveriesTable
 * @param deliveryQueueUrl   DELIVERY_QUEUE_URL: EventDeliveryQueue
 * @param deliveryDlqUrl     DELIVERY_DLQ_URL: EventDeliveryDLQ (events given up on)
 * @param webhookUrl         WEBHOOK_URL, or null: webhooks off
 * @param webhookSecretArn   WEBHOOK_SECRET_ARN, required when WEBHOOK_URL is set
 * @param eventBusName       EVENT_BUS_NAME, or null: no EventBridge events; {@code default} is the default bus
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
        String webhook = opt(env, "WEBHOOK_URL");
        URI url = null;
        if (webhook != null) {
            url = URI.create(webhook);
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()))
                throw new IllegalStateException("environment variable WEBHOOK_URL must be an http(s) URL");
        }
        return new DeliverEventsConfig(
                FunctionConfig.require(opt(env, "TABLE_NAME"), "TABLE_NAME"),
                FunctionConfig.require(opt(env, "DELIVERIES_TABLE_NAME"), "DELIVERIES_TABLE_NAME"),
                FunctionConfig.require(opt(env, "DELIVERY_QUEUE_URL"), "DELIVERY_QUEUE_URL"),
                FunctionConfig.require(opt(env, "DELIVERY_DLQ_URL"), "DELIVERY_DLQ_URL"),
                url,
                url == null ? null : FunctionConfig.require(opt(env, "WEBHOOK_SECRET_ARN"), "WEBHOOK_SECRET_ARN"),
                opt(env, "EVENT_BUS_NAME"));
    }

    public boolean webhooksOn() {
        return webhookUrl != null;
    }

    public boolean busOn() {
        return eventBusName != null;
    }

    private static String opt(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
