package dev.opfunctions.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Index upkeep per DynamoDB's rules, on the shape of the template's table (a KEYS_ONLY and an INCLUDE index). */
class TableShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    private static final String DESCRIPTION = "{'KeySchema':[{'AttributeName':'sk','KeyType':'RANGE'},"
            + "{'AttributeName':'pk','KeyType':'HASH'}],'GlobalSecondaryIndexes':["
            + "{'IndexName':'DueIndex','KeySchema':[{'AttributeName':'dueBucket','KeyType':'HASH'},"
            + "{'AttributeName':'dueAt','KeyType':'RANGE'}],'Projection':{'ProjectionType':'KEYS_ONLY'}},"
            + "{'IndexName':'CustomerIndex','KeySchema':[{'AttributeName':'customerWallet','KeyType':'HASH'},"
            + "{'AttributeName':'createdAt','KeyType':'RANGE'}],'Projection':{'ProjectionType':'INCLUDE',"
            + "'NonKeyAttributes':['status']}}]}";

    private static String checkout(String due, String status, String doc) {
        return "{'pk':{'S':'C#1'},'sk':{'S':'C'},'customerWallet':{'S':'w'},'createdAt':{'S':'t0'},"
                + "'status':{'S':'" + status + "'},'doc':{'S':'" + doc + "'}"
                + (due == null ? "" : ",'dueBucket':{'S':'b'},'dueAt':{'S':'" + due + "'}") + "}";
    }

    @Test
    void keysComeHashFirstAndEntriesHoldOnlyTheProjection() throws Exception {
        TableShape shape = TableShape.fromDescription(json(DESCRIPTION));
        assertEquals(java.util.List.of("pk", "sk"), shape.keys());
        JsonNode entry = shape.entry(shape.index("CustomerIndex"), json(checkout(null, "paying", "x")));
        // pk, sk, customerWallet, createdAt and the projected status; not doc
        assertEquals(5, entry.size());
    }

    @Test
    void indexWritesFollowWhatChangedInEachIndex() throws Exception {
        TableShape shape = TableShape.fromDescription(json(DESCRIPTION));
        JsonNode created = json(checkout("t1", "awaiting", "a"));
        // New item: a put in each index it has keys for.
        assertEquals(2, shape.indexWriteUnits(null, created));
        // Only an unprojected attribute changed: no index is written.
        assertEquals(0, shape.indexWriteUnits(created, json(checkout("t1", "awaiting", "b"))));
        // DueIndex key moved: delete + put (2); CustomerIndex's projected status changed: one put (1).
        assertEquals(3, shape.indexWriteUnits(created, json(checkout("t2", "paying", "b"))));
        // Due key removed (sparse index): one delete; status unchanged.
        assertEquals(1, shape.indexWriteUnits(created, json(checkout(null, "awaiting", "a"))));
        // Item deleted: a delete in each index that held it.
        assertEquals(2, shape.indexWriteUnits(created, null));
    }
}
