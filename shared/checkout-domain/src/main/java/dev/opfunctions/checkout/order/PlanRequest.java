package dev.opfunctions.checkout.order;

import dev.opfunctions.checkout.model.PlanPeriod;

/**
 * The installment terms of an order ({@code "installments":{"count":4,"period":"P1M","firstAtConsent":true}}):
 * the amount is split into {@code count} installments, one every {@code period}.
 *
 * @param firstAtConsent charge installment 1 as soon as the customer consents (default); otherwise one period later
 */
public record PlanRequest(int count, PlanPeriod period, boolean firstAtConsent) {}
