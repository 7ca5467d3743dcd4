"""TransactWriteItems for moto 5.2.1 without copying whole tables.

Why: moto's DynamoDBBackend.transact_write_items deep-copies every table a transaction names before
it starts (its rollback copy), so each transaction costs time and memory in proportion to the table.
Every state change of this product is a transaction: a 300-checkout chaos run grew the moto process
from 0.7 GB to 21 GB and took the machine's memory. This version is moto's own loop (Apache-2.0,
moto/dynamodb/models/__init__.py, same order of checks, same errors and CancellationReasons) with
one change: before an operation touches an item it keeps a copy of that item alone (at most 100 per
transaction, DynamoDB's limit), and a cancelled transaction puts those items back. Atomicity towards
other requests comes from the launcher's per-service lock, as before.

install() replaces the method on moto's class; MOTO_STOCK_TRANSACTIONS=1 in the environment leaves
moto's own (for the benchmark's before/after comparison).
"""

import copy
import os

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend

OPERATIONS = ("ConditionCheck", "Put", "Delete", "Update")


def install():
    if os.environ.get("MOTO_STOCK_TRANSACTIONS") == "1":
        return False
    DynamoDBBackend.transact_write_items = transact_write_items
    return True


class TouchedItems:
    """The items a transaction is about to change, as they were, so a cancel can put them back."""

    def __init__(self):
        self.saved = []  # (table, hash key, range key, item copy or None, stream position)

    def keep(self, table, hash_key, range_key):
        current = table.get_item(hash_key, range_key)
        shard = table.stream_shard
        stream = shard.mark() if shard is not None and hasattr(shard, "mark") else None
        self.saved.append((table, hash_key, range_key, copy.deepcopy(current), stream))

    def restore(self):
        # Newest first, so an item (and a stream) ends as it was before its first change.
        for table, hash_key, range_key, item, stream in reversed(self.saved):
            if table.range_key_attr is not None:
                bucket = table.items[hash_key]
                if item is None:
                    bucket.pop(range_key, None)
                    if not bucket:
                        del table.items[hash_key]
                else:
                    bucket[range_key] = item
            elif item is None:
                table.items.pop(hash_key, None)
            else:
                table.items[hash_key] = item
            if stream is not None and table.stream_shard is not None:
                table.stream_shard.rollback(stream)  # moto_streams: the cancelled writes' records go


def transact_write_items(self, transact_items):
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    touched = TouchedItems()
    target_items = set()

    def check_unicity(table_name, key):
        item = (str(table_name), str(dict(sorted(key.items()))))
        if item in target_items:
            raise MultipleTransactionsException()
        target_items.add(item)

    errors = []  # [(Code, Message, Item), ..] in request order, as CancellationReasons
    for item in transact_items:
        original_item = None
        if len(list(item.keys())) > 1:
            raise TransactWriteSingleOpException
        try:
            op_type, op = next(iter(item.items()))
            if op_type not in OPERATIONS:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            condition_expression = op.get("ConditionExpression")
            names = op.get("ExpressionAttributeNames")
            values = op.get("ExpressionAttributeValues")
            if op_type == "Put":
                attrs = op["Item"]
                table = self.get_table(table_name)
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]
            check_unicity(table_name, key)

            current = self.get_item(table_name, key)
            if condition_expression is not None:
                condition_op = get_filter_expression(condition_expression, names, values)
                if not condition_op.expr(current):
                    if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise ConditionalCheckFailed(item=original_item)
            if op_type != "ConditionCheck":
                table = self.get_table(table_name)
                touched.keep(table, *self.get_keys_value(table, key))
            if op_type == "Put":
                self.put_item(table_name, op["Item"], condition_expression=condition_expression,
                              expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Delete":
                self.delete_item(table_name, key, condition_expression=condition_expression,
                                 expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Update":
                self.update_item(table_name, key, update_expression=op["UpdateExpression"],
                                 condition_expression=condition_expression,
                                 expression_attribute_names=names, expression_attribute_values=values)
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            touched.restore()
            raise
        except ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))
        except Exception as e:  # noqa: E722 as moto: any other failure becomes a cancellation reason
            errors.append((type(e).__name__, str(e), original_item))

    if any(code is not None for code, _, _ in errors):
        touched.restore()
        raise TransactionCanceledException(errors)
