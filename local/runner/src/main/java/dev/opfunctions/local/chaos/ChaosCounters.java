package dev.opfunctions.local.chaos;

import java.util.concurrent.atomic.AtomicInteger;

/** What the chaos agents and drivers did, for the report. */
final class ChaosCounters {
    final AtomicInteger kills = new AtomicInteger();
    final AtomicInteger duplicatedMessages = new AtomicInteger();
    final AtomicInteger droppedMessages = new AtomicInteger();
    final AtomicInteger faultRulesAdded = new AtomicInteger();
    final AtomicInteger duplicatePosts = new AtomicInteger();
    final AtomicInteger duplicateFinishes = new AtomicInteger();
    final AtomicInteger approvals = new AtomicInteger();
    final AtomicInteger approvedAgain = new AtomicInteger();
    final AtomicInteger retriedCalls = new AtomicInteger();
    final AtomicInteger notCreated = new AtomicInteger();
    final AtomicInteger driverErrors = new AtomicInteger();
    final AtomicInteger hostileAttempted = new AtomicInteger();
    final AtomicInteger hostileRefused = new AtomicInteger();
}
