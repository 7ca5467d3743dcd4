package dev.opfunctions.local.bench;

/**
 * What one unit of work (a completed checkout, a later installment) used on average.
 *
 * @param writeUnits DynamoDB write request units, the table's and its indexes'
 * @param indexWriteUnits the part of {@code writeUnits} spent keeping the secondary indexes
 * @param sqsRequests billed SQS requests (the functions' and the event source mappings')
 * @param billedMs Lambda billed duration, summed over the invocations
 * @param httpRequests HTTP API requests
 * @param busEvents EventBridge events put (each under 64 KB, so billed as one)
 */
record PerUnit(
        double readUnits,
        double writeUnits,
        double indexWriteUnits,
        double sqsRequests,
        double invocations,
        double billedMs,
        double gbSeconds,
        double httpRequests,
        double walletCalls,
        double busEvents) {}
