"""DynamoDB Streams for moto 5.2.1 that hold for days: bounded, with stable sequence numbers.

Why: moto's StreamShard keeps every stream record for ever (the local stack's memory grew with every
write, and it has to run for days), numbers records by their position in its list, serialises both
images of every write to JSON as the write happens (CPU on the critical path of every PutItem), and
its DynamoDBStreamsBackend stores every shard iterator it ever handed out (a poller asking every
100 ms leaves 860 000 of them a day).

Here, as on DynamoDB:
- a record older than the retention (24 h) is dropped, and so is the oldest record beyond a bounded
  count (MOTO_STREAM_MAX_RECORDS, default 20000; a local reader is never a day behind, so the count is
  what bounds memory); MOTO_STREAM_RETENTION_SECONDS shortens the retention for tests;
- sequence numbers come from a counter of the shard, so they keep increasing across trimming;
- a record keeps references to the item objects, and its JSON is built only when GetRecords reads it.
  moto replaces an item on PutItem (the old object is never changed again) but changes it in place on
  UpdateItem, after a deep copy: add() then points the earlier record that held the live object at
  that copy, so every record still shows the images of its own write;
- a shard iterator is a string that carries its position (no server-side store), so iterators never
  expire and cost nothing; an iterator whose position was trimmed reads from the oldest record kept
  (DynamoDB answers TrimmedDataAccessException there, and Lambda's poller then starts again at
  TRIM_HORIZON: the same records are lost either way).
quiet() makes writes produce no records: the launcher restores saved state under it, so restored items
are not delivered again. Lambda event source mappings inside moto are not driven (the runner polls).

install() replaces moto's classes' methods; moto_transactions uses mark()/rollback() to take back the
records of a cancelled transaction.
"""

import bisect
import contextlib
import datetime
import hashlib
import os
import threading
import time

import moto.dynamodb.models.table as table_module
from moto.core.exceptions import JsonRESTError
from moto.dynamodb.models.table import StreamShard
from moto.dynamodb.models.utilities import dynamo_json_dump
from moto.dynamodbstreams.models import DynamoDBStreamsBackend

RETENTION_SECONDS = float(os.environ.get("MOTO_STREAM_RETENTION_SECONDS", 24 * 3600))
MAX_RECORDS = int(os.environ.get("MOTO_STREAM_MAX_RECORDS", 20000))
MAX_LIMIT = 1000  # GetRecords' largest Limit
_recording = [True]


@contextlib.contextmanager
def quiet():
    """Writes inside this block produce no stream records (state restored at start)."""
    _recording[0] = False
    try:
        yield
    finally:
        _recording[0] = True


class StreamRecord:
    """One change, kept as references; to_json() builds what GetRecords returns."""

    __slots__ = ("seq", "event_name", "old", "new", "created")

    def __init__(self, seq, event_name, old, new, created):
        self.seq = seq
        self.event_name = event_name
        self.old = old
        self.new = new
        self.created = created

    def to_json(self, shard):
        table = shard.table
        view = table.stream_specification["StreamViewType"]
        either = self.old if self.old is not None else self.new
        keys = {table.hash_key_attr: either.hash_key.to_json()}
        if table.range_key_attr is not None:
            keys[table.range_key_attr] = either.range_key.to_json()
        created = datetime.datetime.fromtimestamp(self.created, datetime.timezone.utc).replace(tzinfo=None)
        dynamodb = {
            "ApproximateCreationDateTime": created,
            "Keys": keys,
            "SequenceNumber": str(self.seq),
            "StreamViewType": view,
        }
        if view in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES") and self.new is not None:
            dynamodb["NewImage"] = self.new.to_json()["Attributes"]
        if view in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES") and self.old is not None:
            dynamodb["OldImage"] = self.old.to_json()["Attributes"]
        # As moto: the size of the record's JSON (DynamoDB counts bytes of the images, a bit less).
        dynamodb["SizeBytes"] = len(dynamo_json_dump({k: v for k, v in dynamodb.items() if k != "ApproximateCreationDateTime"}))
        event_id = hashlib.md5(("%s|%d" % (table.latest_stream_label, self.seq)).encode("ascii")).hexdigest()
        return {
            "eventID": event_id,
            "eventName": self.event_name,
            "eventSource": "aws:dynamodb",
            "eventVersion": "1.1",
            "awsRegion": table.region_name,
            "dynamodb": dynamodb,
        }


class HoldingShard:
    """What replaces moto's StreamShard methods: bounded records and a sequence counter.

    install() copies these methods onto StreamShard (moto's model metaclass refuses subclasses
    defined outside moto's package)."""

    def __init__(self, account_id, table):
        self.account_id = account_id
        self.table = table
        self.id = "shardId-00000001541626099285-f35f62ef"
        self.starting_sequence_number = 1100000000017454423009
        self.created_on = table_module.utcnow()
        self.records = []  # records[head:] are kept, in increasing sequence order
        self.head = 0
        self.next_seq = self.starting_sequence_number
        self.live = {}  # id(item object) -> the newest record whose new image is that object
        self.lock = threading.Lock()  # GetRecords runs beside DynamoDB writes (another moto app)

    def add(self, old, new):
        if not _recording[0]:
            return
        event_name = "INSERT" if old is None else ("REMOVE" if new is None else "MODIFY")
        with self.lock:
            if old is not None and new is not None:
                earlier = self.live.get(id(new))
                if earlier is not None and earlier.new is new:
                    earlier.new = old  # an in-place update: `old` is moto's copy of the item before it
            now = time.time()
            record = StreamRecord(self.next_seq, event_name, old, new, now)
            self.next_seq += 1
            self.records.append(record)
            if new is not None:
                self.live[id(new)] = record
            self._trim(now)

    def mark(self):
        """A position to roll back to (taken before a transaction's writes)."""
        with self.lock:
            return self.next_seq

    def rollback(self, mark):
        """Takes back the records added since `mark` (a cancelled transaction never happened)."""
        with self.lock:
            while len(self.records) > self.head and self.records[-1].seq >= mark:
                self._forget(self.records.pop())
            # No reader saw them (the launcher serialises stream reads with DynamoDB writes), so their
            # numbers can be given again.
            self.next_seq = mark

    def kept(self):
        with self.lock:
            return len(self.records) - self.head

    def _trim(self, now):
        horizon = now - RETENTION_SECONDS
        records = self.records
        while self.head < len(records) and (
            len(records) - self.head > MAX_RECORDS or records[self.head].created < horizon
        ):
            self._forget(records[self.head])
            records[self.head] = None
            self.head += 1
        if self.head > 1024 and self.head * 2 > len(records):
            del records[: self.head]
            self.head = 0

    def _forget(self, record):
        if record.new is not None and self.live.get(id(record.new)) is record:
            del self.live[id(record.new)]

    def read(self, start_seq, limit):
        """(records with a sequence number >= start_seq, at most `limit`, as JSON; the next position)."""
        with self.lock:
            self._trim(time.time())
            if self.head == len(self.records):
                return [], max(start_seq, self.next_seq)  # whatever came before was trimmed
            index = bisect.bisect_left(self.records, start_seq, lo=self.head, key=_seq)
            chosen = self.records[index : index + limit]
            position = chosen[-1].seq + 1 if chosen else max(start_seq, self.next_seq)
        return [r.to_json(self) for r in chosen], position

    def get(self, start, quantity):
        return self.read(start, quantity)[0]


def _seq(record):
    return record.seq


class Iterator:
    """A shard iterator: the stream, shard and position, all in its string (see the module comment)."""

    SEPARATOR = "|"

    def __init__(self, stream_arn, shard_id, seq):
        self.arn = "%s|1|%s|%d" % (stream_arn, shard_id, seq)

    @staticmethod
    def parse(text):
        try:
            stream_arn, version, shard_id, seq = text.rsplit(Iterator.SEPARATOR, 3)
            if version != "1":
                raise ValueError(version)
            return stream_arn, shard_id, int(seq)
        except (AttributeError, ValueError):
            raise JsonRESTError("ValidationException", "Invalid ShardIterator") from None


def _table_and_shard(backend, stream_arn, shard_id):
    try:
        table = backend._get_table_from_arn(stream_arn)
    except Exception:
        raise JsonRESTError("ResourceNotFoundException", "Requested resource not found: Stream: %s not found" % stream_arn) from None
    shard = table.stream_shard
    label = stream_arn.rsplit("/stream/", 1)[-1]
    if shard is None or table.latest_stream_label != label or shard.id != shard_id:
        raise JsonRESTError("ResourceNotFoundException", "Requested resource not found: Shard %s of %s" % (shard_id, stream_arn))
    return table, shard


def get_shard_iterator(self, arn, shard_id, shard_iterator_type, sequence_number=None):
    _, shard = _table_and_shard(self, arn, shard_id)
    if shard_iterator_type == "TRIM_HORIZON":
        seq = shard.starting_sequence_number  # read() moves it to the oldest record kept
    elif shard_iterator_type == "LATEST":
        seq = shard.mark()
    elif shard_iterator_type in ("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"):
        if sequence_number is None:
            raise JsonRESTError("ValidationException", "SequenceNumber is required for %s" % shard_iterator_type)
        seq = int(sequence_number) + (1 if shard_iterator_type == "AFTER_SEQUENCE_NUMBER" else 0)
    else:
        raise JsonRESTError("ValidationException", "Invalid ShardIteratorType: %s" % shard_iterator_type)
    return Iterator(arn, shard_id, seq)


def get_records(self, iterator_arn, limit):
    stream_arn, shard_id, seq = Iterator.parse(iterator_arn)
    _, shard = _table_and_shard(self, stream_arn, shard_id)
    limit = int(limit or MAX_LIMIT)
    if limit < 1 or limit > MAX_LIMIT:
        raise JsonRESTError("ValidationException", "Limit must be between 1 and %d" % MAX_LIMIT)
    records, position = shard.read(seq, limit)
    return {"NextShardIterator": Iterator(stream_arn, shard_id, position).arn, "Records": records}


def install():
    for name in ("__init__", "add", "mark", "rollback", "kept", "_trim", "_forget", "read", "get"):
        setattr(StreamShard, name, HoldingShard.__dict__[name])
    DynamoDBStreamsBackend.get_shard_iterator = get_shard_iterator
    DynamoDBStreamsBackend.get_records = get_records
