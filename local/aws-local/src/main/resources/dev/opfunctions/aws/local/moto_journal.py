"""A write-ahead journal for the DynamoDB state of moto_launcher.py (--state FILE).

Why: moto keeps tables in memory only, and the state file alone is written at an orderly stop, so a
SIGKILL lost a whole run's writes. Here every DynamoDB write request that moto answered 200 is
appended to a journal and fsynced before its response leaves the launcher, under the per-service
lock, so the journal's order is the order moto applied them in. At start the launcher loads the
state file and replays the journal through moto's own handlers: the same requests on the same state
give the same table (conditions included; nothing a write does depends on the clock). A write is
only acknowledged after its record is on disk, so every acknowledged write survives a kill; a record
torn by the kill was never acknowledged and is skipped.

Files, beside FILE: the state file names the journal generation that continues it
(`"journal": N`), and the journal is `<FILE without .json>-journal-N.jsonl`. Folding the journal
into a new state file (at start after a replay, and at an orderly stop) writes the state file with
N+1 first, atomically, and deletes journal N after, so a kill between the two never replays a
journal twice.

Why a journal and not SQLite: moto's tables are Python objects, not rows; a journal of requests
reuses moto for the meaning of every write. Its cost, measured with EmulatorWriteBenchmark, is in
local/aws-local/README.md.
"""

import glob
import json
import os
import re

from werkzeug.test import Client

TARGET_PREFIX = "DynamoDB_20120810."
WRITES = frozenset(
    [
        "CreateTable", "DeleteTable", "UpdateTable", "UpdateTimeToLive", "PutItem", "UpdateItem",
        "DeleteItem", "BatchWriteItem", "TransactWriteItems", "ExecuteStatement",
        "BatchExecuteStatement", "ExecuteTransaction", "TagResource", "UntagResource",
        "UpdateContinuousBackups",
    ]
)
HEADERS = {"HTTP_AUTHORIZATION": "Authorization", "HTTP_X_MOTO_ACCOUNT_ID": "x-moto-account-id"}


def is_write(target):
    return bool(target) and target.startswith(TARGET_PREFIX) and target[len(TARGET_PREFIX):] in WRITES


class Journal:
    def __init__(self, state_path, generation):
        self.state_path = state_path
        self.generation = generation
        self.out = None

    def path(self, generation=None):
        base = re.sub(r"\.json$", "", self.state_path)
        return "%s-journal-%d.jsonl" % (base, self.generation if generation is None else generation)

    def replay(self, app):
        """Applies journal N to the tables just loaded; returns (applied, refused)."""
        applied = refused = 0
        if not os.path.exists(self.path()):
            return applied, refused
        client = Client(app)
        with open(self.path(), "rb") as records:
            for line in records:
                if not line.endswith(b"\n"):
                    break  # torn by a kill before it was acknowledged
                record = json.loads(line)
                headers = {"X-Amz-Target": record["target"], "Content-Type": "application/x-amz-json-1.0"}
                headers.update(record["headers"])
                response = client.post("/", data=record["body"].encode("utf-8"), headers=headers)
                if response.status_code == 200:
                    applied += 1
                else:
                    refused += 1
        return applied, refused

    def open(self):
        self.out = open(self.path(), "ab")

    def append(self, environ, target, body):
        """Records one applied write and forces it to disk; called before the response is sent."""
        headers = {name: environ[key] for key, name in HEADERS.items() if key in environ}
        line = json.dumps({"target": target, "headers": headers, "body": body.decode("utf-8")})
        self.out.write(line.encode("utf-8") + b"\n")
        self.out.flush()
        os.fsync(self.out.fileno())

    def fold(self, document):
        """Writes `document` (the tables now) as the state file continued by journal N+1."""
        if self.out:
            self.out.close()
            self.out = None
        self.generation += 1
        if os.path.exists(self.path()):
            os.remove(self.path())  # left by a start that died before its state file was replaced
        document["journal"] = self.generation
        write_durably(self.state_path, document)
        for stale in glob.glob(re.sub(r"\.json$", "", self.state_path) + "-journal-*.jsonl"):
            if stale != self.path():
                os.remove(stale)


def write_durably(path, document):
    """Replaces `path` with `document` so that a kill leaves either the old or the new file."""
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(document, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    directory = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
