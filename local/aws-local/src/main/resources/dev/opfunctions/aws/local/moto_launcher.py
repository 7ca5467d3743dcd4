"""Serves moto (Apache-2.0) on a loopback port the way this project needs it.

Started by dev.opfunctions.aws.local.MotoServer (python3 -c <this file> ...); not a public tool.

Why not `moto_server` as shipped: its threaded werkzeug server lets two DynamoDB
TransactWriteItems calls on the same key both succeed (measured: 2 winners in 3 of 30 races of
16 threads). moto checks a transaction's conditions and applies its writes without a lock, so two
threads can interleave. Here every request to one service's backend app runs under that service's
lock: DynamoDB requests are serialised (transactions become atomic), while a slow request of
another service (an SQS long poll) never holds DynamoDB up.

Protocol with the Java side: the first stdout line is `MOTO_READY http://127.0.0.1:<port>`. The
server stops on SIGTERM/SIGINT or when its stdin reaches end of file (the parent JVM died), after
writing the DynamoDB state file if --state was given.

--state FILE: moto keeps everything in memory and has no on-disk mode. With this option the
DynamoDB tables (definition, TTL setting, every item, in DynamoDB's own JSON) are read from FILE
at start, every acknowledged write is journaled beside it (moto_journal.py) and replayed at the
next start, and FILE is rewritten at an orderly stop; a SIGKILL loses no acknowledged write.

Transactions: moto_transactions.py replaces moto's TransactWriteItems, which deep-copied whole
tables per transaction (time and memory grew with the table).

Speed: moto_speed.py removes three costs of moto's DynamoDB that grew with the table or the answer
(every query sorted the whole table; answers were serialised shape by shape; every request listed
moto's package folder), with the same answers.

Streams: moto_streams.py bounds DynamoDB stream records (24 h, a count), keeps their sequence
numbers increasing and builds their JSON when they are read. DynamoDB Streams requests share
DynamoDB's lock, so a reader never sees the records of a transaction that is then cancelled. Items
restored from --state produce no stream records: they were delivered in an earlier run.

Run as a script (python3 moto_launcher.py), so its sibling modules import from its directory;
MotoServer copies the five files to a temporary directory.
"""

import argparse
import io
import json
import os
import signal
import sys
import threading

EXIT_MOTO_MISSING = 3

try:
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import WSGIRequestHandler, make_server
    from werkzeug.test import Client

    import moto_journal
    import moto_speed
    import moto_streams
    import moto_transactions
except ImportError as missing:  # the Java side tries the next Python when it sees this code
    print("moto with its server extras is not importable: %s" % missing, file=sys.stderr, flush=True)
    sys.exit(EXIT_MOTO_MISSING)

REGION_HEADER = "AWS4-HMAC-SHA256 Credential=local/20260101/%s/dynamodb/aws4_request, SignedHeaders=host, Signature=0"


class PerServiceLock:
    """WSGI middleware: one lock per moto backend app, held until the response body is complete.

    It also counts requests by X-Amz-Target and answers GET /__launcher/counts with them, so tests
    can check that a client caches (for instance, that a secret is read once)."""

    COUNTS_PATH = "/__launcher/counts"

    def __init__(self, dispatcher):
        self.dispatcher = dispatcher
        self.locks = {}
        self.counts = {}
        self.guard = threading.Lock()
        self.journal = None  # a moto_journal.Journal once the saved state is loaded

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == self.COUNTS_PATH:
            with self.guard:
                body = json.dumps(self.counts).encode("utf-8")
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        app = self.dispatcher.get_application(environ)
        target = environ.get("HTTP_X_AMZ_TARGET")
        # DynamoDB and DynamoDB Streams (DynamoDB_20120810., DynamoDBStreams_20120810.) share one lock.
        service = "dynamodb" if target and target.startswith("DynamoDB") else id(app)
        with self.guard:
            lock = self.locks.setdefault(service, threading.Lock())
            if target:
                self.counts[target] = self.counts.get(target, 0) + 1
        journaled = self.journal is not None and moto_journal.is_write(target)
        if journaled:
            body = read_body(environ)
            statuses = []
            answer = start_response

            def start_response(status, headers, exc_info=None):
                statuses.append(status)
                return answer(status, headers, exc_info)

        with lock:
            result = app(environ, start_response)
            try:
                content = b"".join(result)  # the body is produced under the lock too
            finally:
                if hasattr(result, "close"):
                    result.close()
            if journaled and statuses and statuses[0].startswith("200"):
                self.journal.append(environ, target, body)  # on disk before the client hears of it
            return [content]


def read_body(environ):
    """Reads the request body and puts it back for moto (wsgi.input can be read once)."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


class QuietHandler(WSGIRequestHandler):
    """No access log line per request: the suite makes thousands."""

    def log_request(self, code="-", size="-"):
        pass


class DynamoState:
    """Dumps and restores DynamoDB tables through the app, in DynamoDB's wire JSON."""

    def __init__(self, app):
        self.client = Client(app)

    def call(self, account, region, operation, body):
        response = self.client.post(
            "/",
            data=json.dumps(body),
            headers={
                "X-Amz-Target": "DynamoDB_20120810." + operation,
                "Content-Type": "application/x-amz-json-1.0",
                "Authorization": REGION_HEADER % region,
                "x-moto-account-id": account,
            },
        )
        payload = json.loads(response.get_data(as_text=True) or "{}")
        if response.status_code != 200:
            raise RuntimeError("%s failed: %s" % (operation, payload))
        return payload

    def dump(self):
        from moto.dynamodb.models import dynamodb_backends

        tables = []
        for account, regions in list(dynamodb_backends.items()):
            for region, backend in list(regions.items()):
                for name in sorted(backend.tables):
                    tables.append(self.dump_table(account, region, name))
        return {"format": 1, "tables": tables}

    def dump_table(self, account, region, name):
        description = self.call(account, region, "DescribeTable", {"TableName": name})["Table"]
        ttl = self.call(account, region, "DescribeTimeToLive", {"TableName": name})["TimeToLiveDescription"]
        items, start = [], None
        while True:
            request = {"TableName": name, "ConsistentRead": True}
            if start:
                request["ExclusiveStartKey"] = start
            page = self.call(account, region, "Scan", request)
            items.extend(page.get("Items", []))
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        return {"account": account, "region": region, "create": create_request(description), "ttl": ttl, "items": items}

    def restore(self, state):
        for table in state["tables"]:
            account, region, create = table["account"], table["region"], table["create"]
            self.call(account, region, "CreateTable", create)
            ttl = table.get("ttl") or {}
            if ttl.get("TimeToLiveStatus") in ("ENABLED", "ENABLING"):
                spec = {"Enabled": True, "AttributeName": ttl["AttributeName"]}
                self.call(account, region, "UpdateTimeToLive", {"TableName": create["TableName"], "TimeToLiveSpecification": spec})
            for item in table["items"]:
                self.call(account, region, "PutItem", {"TableName": create["TableName"], "Item": item})


def create_request(description):
    """The CreateTable request that rebuilds a table from its DescribeTable answer."""
    request = {
        "TableName": description["TableName"],
        "AttributeDefinitions": description["AttributeDefinitions"],
        "KeySchema": description["KeySchema"],
    }
    billing = description.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED")
    request["BillingMode"] = billing
    if billing == "PROVISIONED":
        throughput = description["ProvisionedThroughput"]
        request["ProvisionedThroughput"] = {k: throughput[k] for k in ("ReadCapacityUnits", "WriteCapacityUnits")}
    for kind in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        if description.get(kind):
            request[kind] = [index_request(index, billing, kind) for index in description[kind]]
    if description.get("StreamSpecification"):
        request["StreamSpecification"] = description["StreamSpecification"]
    return request


def index_request(index, billing, kind):
    request = {"IndexName": index["IndexName"], "KeySchema": index["KeySchema"], "Projection": index["Projection"]}
    if kind == "GlobalSecondaryIndexes" and billing == "PROVISIONED":
        throughput = index["ProvisionedThroughput"]
        request["ProvisionedThroughput"] = {k: throughput[k] for k in ("ReadCapacityUnits", "WriteCapacityUnits")}
    return request


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--state", help="DynamoDB state file, read at start, journaled, written at stop")
    args = parser.parse_args()

    moto_transactions.install()
    moto_speed.install()
    moto_streams.install()
    app = PerServiceLock(DomainDispatcherApplication(create_backend_app))
    state = DynamoState(app.dispatcher) if args.state else None
    if state:
        app.journal = load(state, args.state)

    server = make_server("127.0.0.1", args.port, app, threaded=True, request_handler=QuietHandler)
    server.daemon_threads = True
    stopping = threading.Event()

    def stop(*_ignored):
        if not stopping.is_set():
            stopping.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    threading.Thread(target=lambda: (sys.stdin.read(), stop()), daemon=True).start()

    print("MOTO_READY http://127.0.0.1:%d" % server.server_port, flush=True)
    server.serve_forever()
    if state:
        app.journal.fold(state.dump())


def load(state, path):
    """Loads the state file, replays its journal, folds both into a new state file when the journal
    had anything (so replays do not pile up across starts) and opens the journal for this run."""
    generation = 0
    with moto_streams.quiet():  # restored items were streamed in the run that wrote them
        if os.path.exists(path):
            with open(path, encoding="utf-8") as saved:
                document = json.load(saved)
            state.restore(document)
            generation = document.get("journal", 0)
        journal = moto_journal.Journal(path, generation)
        applied, refused = journal.replay(state.client.application)
    if refused:
        print("moto_launcher: %d journaled writes were refused on replay" % refused, file=sys.stderr, flush=True)
    if applied or refused or not os.path.exists(path):
        journal.fold(state.dump())
    journal.open()
    return journal


if __name__ == "__main__":
    main()
