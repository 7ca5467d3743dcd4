"""Runs one fixed series of DynamoDB requests through moto's server app and prints every answer as JSON.

Used by MotoSpeedTest: `python3 moto_speed_answers.py stock` answers with moto as shipped, `... fast` with
moto_speed installed (it must sit beside this file); the test requires the two outputs to mean the same.
The series covers what the product and the local stack send: puts (conditional, failing, ALL_OLD), key
reads (consistent, missing, projected), batch reads, partition and index queries both ways, paged with
ExclusiveStartKey, filtered and counted, transactions (applied and cancelled), a transactional read, a
scan and an error; items carry every attribute type, binary values included.
"""
import base64
import json
import sys

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.test import Client

AUTH = "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0"
VOLATILE_HEADERS = ("x-amzn-requestid", "x-amz-crc32", "date", "server", "content-length")


def call(client, op, body):
    r = client.post("/", data=json.dumps(body), headers={"X-Amz-Target": "DynamoDB_20120810." + op,
        "Content-Type": "application/x-amz-json-1.0", "Authorization": AUTH})
    headers = {k: v for k, v in r.headers.items() if k.lower() not in VOLATILE_HEADERS}
    text = r.get_data(as_text=True)
    return {"operation": op, "status": r.status_code, "headers": headers, "body": json.loads(text) if text else None}

def script(client):
    out = []
    # Only its status: the description carries the creation time.
    out.append(call(client, "CreateTable", {"TableName":"t","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"b","AttributeType":"S"},{"AttributeName":"d","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
      "GlobalSecondaryIndexes":[{"IndexName":"Due","KeySchema":[{"AttributeName":"b","KeyType":"HASH"},{"AttributeName":"d","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}},
        {"IndexName":"Inc","KeySchema":[{"AttributeName":"b","KeyType":"HASH"},{"AttributeName":"d","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["n"]}}]})["status"])
    blob = base64.b64encode(bytes(range(256))).decode()
    for i in range(30):
        item = {"pk":{"S":"p%d" % (i%4)},"sk":{"S":"s%03d" % i},"n":{"N":str(i*1.5)},"bin":{"B":blob},
                "l":{"L":[{"S":"x"},{"N":"1"},{"B":blob},{"M":{"q":{"BOOL":True},"z":{"NULL":True}}}]},
                "ss":{"SS":["b","a"]},"ns":{"NS":["3","1"]},"bs":{"BS":[blob]},"m":{"M":{"k":{"S":"v"},"bb":{"B":blob}}}}
        if i % 3: item["b"] = {"S":"bucket%d" % (i%2)}; item["d"] = {"S":"2026-12-%02d" % (i%28+1)}
        out.append(call(client, "PutItem", {"TableName":"t","Item":item,"ReturnConsumedCapacity":"TOTAL"}))
    out.append(call(client, "PutItem", {"TableName":"t","Item":{"pk":{"S":"p1"},"sk":{"S":"s001"}},"ConditionExpression":"attribute_not_exists(pk)"}))
    out.append(call(client, "PutItem", {"TableName":"t","Item":{"pk":{"S":"p1"},"sk":{"S":"s001"},"v":{"N":"2"}},"ReturnValues":"ALL_OLD"}))
    out.append(call(client, "GetItem", {"TableName":"t","Key":{"pk":{"S":"p2"},"sk":{"S":"s002"}},"ConsistentRead":True}))
    out.append(call(client, "GetItem", {"TableName":"t","Key":{"pk":{"S":"p2"},"sk":{"S":"nope"}}}))
    out.append(call(client, "GetItem", {"TableName":"t","Key":{"pk":{"S":"p2"},"sk":{"S":"s006"}},"ProjectionExpression":"#n, bin","ExpressionAttributeNames":{"#n":"n"}}))
    out.append(call(client, "BatchGetItem", {"RequestItems":{"t":{"Keys":[{"pk":{"S":"p3"},"sk":{"S":"s003"}},{"pk":{"S":"p3"},"sk":{"S":"s007"}},{"pk":{"S":"p0"},"sk":{"S":"zz"}}],"ConsistentRead":True}}}))
    for fwd in (True, False):
        out.append(call(client, "Query", {"TableName":"t","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"p1"}},"ScanIndexForward":fwd,"Limit":3}))
        out.append(call(client, "Query", {"TableName":"t","KeyConditionExpression":"pk = :p AND begins_with(sk, :s)","ExpressionAttributeValues":{":p":{"S":"p2"},":s":{"S":"s01"}},"ScanIndexForward":fwd}))
        out.append(call(client, "Query", {"TableName":"t","IndexName":"Due","KeyConditionExpression":"b = :b AND d <= :d","ExpressionAttributeValues":{":b":{"S":"bucket1"},":d":{"S":"2026-12-20"}},"ScanIndexForward":fwd,"Limit":4}))
        out.append(call(client, "Query", {"TableName":"t","IndexName":"Inc","KeyConditionExpression":"b = :b","ExpressionAttributeValues":{":b":{"S":"bucket0"}},"ScanIndexForward":fwd}))
    # paging through an index and a partition with ExclusiveStartKey
    for req in ({"TableName":"t","IndexName":"Due","KeyConditionExpression":"b = :b","ExpressionAttributeValues":{":b":{"S":"bucket1"}},"Limit":3},
                {"TableName":"t","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"p3"}},"Limit":2}):
        start = None
        while True:
            r = dict(req)
            if start: r["ExclusiveStartKey"] = start
            res = call(client, "Query", r); out.append(res)
            start = (res["body"] or {}).get("LastEvaluatedKey")
            if not start: break
    out.append(call(client, "Query", {"TableName":"t","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"absent"}}}))
    out.append(call(client, "Query", {"TableName":"t","KeyConditionExpression":"pk = :p","FilterExpression":"n > :n","ExpressionAttributeValues":{":p":{"S":"p0"},":n":{"N":"10"}},"Select":"COUNT"}))
    out.append(call(client, "TransactWriteItems", {"TransactItems":[{"Put":{"TableName":"t","Item":{"pk":{"S":"p9"},"sk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)"}},{"Put":{"TableName":"t","Item":{"pk":{"S":"p9"},"sk":{"S":"b"},"bin":{"B":blob}}}}]}))
    out.append(call(client, "TransactWriteItems", {"TransactItems":[{"Put":{"TableName":"t","Item":{"pk":{"S":"p9"},"sk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)"}}]}))
    out.append(call(client, "TransactGetItems", {"TransactItems":[{"Get":{"TableName":"t","Key":{"pk":{"S":"p9"},"sk":{"S":"b"}}}}]}))
    out.append(call(client, "Scan", {"TableName":"t","Limit":5}))
    out.append(call(client, "GetItem", {"TableName":"missing","Key":{"pk":{"S":"p"}}}))
    return out


if __name__ == "__main__":
    if sys.argv[1] == "fast":
        import moto_speed

        assert moto_speed.install(), "moto_speed.install() did not install (MOTO_STOCK_SPEED=1 set?)"
    json.dump(script(Client(DomainDispatcherApplication(create_backend_app))), sys.stdout)
