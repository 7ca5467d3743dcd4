package dev.opfunctions.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The size and unit rules against examples worked by hand from AWS's DynamoDB documentation. */
class ItemSizeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode item(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void theDocumentationsShirtItemIs23Bytes() throws Exception {
        // "shirt-color" (11) + "R" (1) + "shirt-size" (10) + "M" (1)
        assertEquals(23, ItemSize.of(item("{'shirt-color':{'S':'R'},'shirt-size':{'S':'M'}}")));
    }

    @Test
    void stringsCountUtf8BytesAndNumbersTheirSignificantDigits() throws Exception {
        assertEquals(1 + 6, ItemSize.of(item("{'s':{'S':'añoñ'}}"))); // ñ is 2 bytes in UTF-8
        assertEquals(4, ItemSize.numberBytes("123.45")); // 5 digits: 3 + 1
        assertEquals(2, ItemSize.numberBytes("1000")); // trailing zeros trimmed: "1"
        assertEquals(2, ItemSize.numberBytes("-0.005")); // sign and leading zeros do not count: "5"
        assertEquals(20, ItemSize.numberBytes("12345678901234567890123456789012345678")); // 38 digits: 19 + 1
    }

    @Test
    void binaryBooleansNullAndSets() throws Exception {
        assertEquals(1 + 3, ItemSize.of(item("{'b':{'B':'AQID'}}"))); // three bytes
        assertEquals(1 + 1 + 1 + 1, ItemSize.of(item("{'t':{'BOOL':true},'n':{'NULL':true}}")));
        assertEquals(2 + 3 + 2, ItemSize.of(item("{'ss':{'SS':['abc','de']}}")));
    }

    @Test
    void mapsAndListsCost3BytesPlus1PerElement() throws Exception {
        // m (1) + 3 + 1 element + b (1) + "xy" (2)
        assertEquals(8, ItemSize.of(item("{'m':{'M':{'b':{'S':'xy'}}}}")));
        // l (1) + 3 + 2 elements + "a" (1) + number 7 (2)
        assertEquals(9, ItemSize.of(item("{'l':{'L':[{'S':'a'},{'N':'7'}]}}")));
        assertEquals(1 + 3, ItemSize.of(item("{'e':{'M':{}}}")));
    }

    @Test
    void writesCostOneUnitPerKilobyteOrPart() {
        assertEquals(1, ItemSize.writeUnits(500));
        assertEquals(1, ItemSize.writeUnits(1024));
        assertEquals(2, ItemSize.writeUnits(1025));
        assertEquals(4, ItemSize.writeUnits(3584)); // 3.5 KB
        assertEquals(1, ItemSize.writeUnits(0)); // deleting a missing item still costs one
    }

    @Test
    void readsCostOneUnitPer4KilobytesHalvedWhenEventuallyConsistent() {
        assertEquals(1, ItemSize.readUnits(3584, true)); // 3.5 KB
        assertEquals(0.5, ItemSize.readUnits(3584, false));
        assertEquals(3, ItemSize.readUnits(10 * 1024, true)); // 10 KB rounds to 12 KB
        // A Query's items are summed, then rounded once: 40.8 KB -> 44 KB -> 11 units, 5.5 eventually consistent.
        assertEquals(11, ItemSize.readUnits(Math.round(40.8 * 1024), true));
        assertEquals(5.5, ItemSize.readUnits(Math.round(40.8 * 1024), false));
        // BatchGetItem rounds per item: 1.5 KB + 6.5 KB -> 4 KB + 8 KB -> 3 units.
        assertEquals(3, ItemSize.readUnits(1536, true) + ItemSize.readUnits(6656, true));
        assertEquals(1, ItemSize.readUnits(0, true)); // reading a missing item still costs one
    }
}
