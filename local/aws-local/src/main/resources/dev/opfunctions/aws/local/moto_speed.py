"""Three costs of moto 5.2.1's DynamoDB that grow with the table or the answer, removed; the answers stay the same.

Why: a profile of the installment benchmark (10 environments per function) showed moto's DynamoDB using
about two thirds of the machine, and most of that in three places that have nothing to do with DynamoDB's
semantics:

1. Every Query, of a partition or of an index, first lists and sorts every item of the table
   (Table.all_items), comparing DynamoType values in Python: 316 queries took a third of the profile on a
   table of a few thousand items. Here a partition query looks at its own partition only, and an index query
   at every item unsorted (moto sorts the index's matches itself afterwards, by the index key and then the
   table key: a total order, so the input order never mattered).
2. Every answer is serialised by walking botocore's output shapes attribute by attribute (about a quarter of
   the profile). For the data-plane actions listed in PLAIN_JSON_ACTIONS moto's result is already DynamoDB's
   wire JSON, apart from binary values kept as bytes and capacity units kept as integers, so it is written
   with json.dumps (bytes as base64 and capacity units as doubles, as the shape serialiser writes them). Errors and every other action keep moto's serialiser.
3. Every request lists the handler class's methods with inspect.getmembers to find the action, and
   finds its backend by listing moto's package folder (about fifty stat calls, twice per request); neither
   list changes while the server runs, so each is computed once.

MotoSpeedTest (local/aws-local) runs the same requests against moto with and without this module and
requires identical answers. MOTO_STOCK_SPEED=1 in the environment leaves moto as shipped (for that test and
for before/after measurements).
"""

import base64
import functools
import json
import os

import moto.backends as moto_backends
import moto.core.responses as core_responses
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

PLAIN_JSON_ACTIONS = frozenset(
    ["GetItem", "PutItem", "BatchGetItem", "Query", "TransactWriteItems", "TransactGetItems"]
)

_stock_all_items = Table.all_items
_stock_query = Table.query
_stock_serialized = DynamoHandler.serialized


def install():
    if os.environ.get("MOTO_STOCK_SPEED") == "1":
        return False
    core_responses.method_names_from_class = _method_names
    modules = tuple(moto_backends.list_of_moto_modules())
    moto_backends.list_of_moto_modules = lambda: modules
    Table.all_items = _all_items
    Table.query = _query
    DynamoHandler.serialized = _serialized
    return True


@functools.lru_cache(maxsize=None)
def _method_names(clazz):
    return _stock_method_names(clazz)


def _stock_method_names(clazz):
    import inspect

    return [name for name, _ in inspect.getmembers(clazz, predicate=inspect.isfunction)]


def _all_items(self):
    narrowed = self.__dict__.get("_speed_candidates")
    return narrowed if narrowed is not None else _stock_all_items(self)


def _query(self, hash_key, *args, **kwargs):
    index_name = kwargs.get("index_name", args[6] if len(args) > 6 else None)
    if index_name:
        candidates = [item for bucket in self.items.values() for item in _bucket_items(self, bucket)]
    else:
        bucket = self.items.get(hash_key)
        candidates = [] if bucket is None else list(_bucket_items(self, bucket))
    # Requests to one service run one at a time (moto_launcher's lock), so a table attribute is safe here.
    self.__dict__["_speed_candidates"] = candidates
    try:
        return _stock_query(self, hash_key, *args, **kwargs)
    finally:
        del self.__dict__["_speed_candidates"]


def _bucket_items(table, bucket):
    return bucket.values() if table.range_key_attr else (bucket,)


def _serialized(self, action_result):
    result = action_result.result
    if not isinstance(result, dict) or self._get_action() not in PLAIN_JSON_ACTIONS:
        return _stock_serialized(self, action_result)
    if "ConsumedCapacity" in result:
        _capacity_as_doubles(result["ConsumedCapacity"])
    body = json.dumps(result, default=_wire_value)
    headers = {"Content-Type": "application/x-amz-json-1.0"}
    headers.update(self.response_headers)
    return 200, headers, body


def _capacity_as_doubles(node):
    """Capacity units are Doubles in DynamoDB's model; moto may hold an int (3 where the shape writer says 3.0)."""
    if isinstance(node, list):
        for entry in node:
            _capacity_as_doubles(entry)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("CapacityUnits") and isinstance(value, int) and not isinstance(value, bool):
                node[key] = float(value)
            else:
                _capacity_as_doubles(value)


def _wire_value(value):
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    to_json = getattr(value, "to_json", None)
    if to_json is not None:
        return to_json()
    raise TypeError("not DynamoDB wire JSON: %r" % type(value))
