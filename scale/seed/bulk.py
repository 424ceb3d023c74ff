"""Writing many rows at once. The biggest tables go through PostgreSQL's COPY with ids chosen here, which
also lets the seed set the dates the models would otherwise stamp with "now" (`auto_now_add`)."""

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection, models

BATCH = 5000


def _sequence(model: type[models.Model]) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [model._meta.db_table, model._meta.pk.column])
        (name,) = cursor.fetchone()
    return name


def reserve_ids(model: type[models.Model], count: int) -> range:
    """`count` ids of `model` nobody else will be given: the table's sequence is moved past them."""
    if count <= 0:
        return range(0)
    sequence = _sequence(model)
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(%s)", [sequence])
        (first,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return range(first, first + count)


def _value(value: Any) -> Any:
    # COPY's text format takes JSON as its text; lists and dicts are only ever JSON fields here.
    if isinstance(value, list | dict):
        return json.dumps(value)
    return value


def _columns(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields]


def copy_rows(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """COPY `rows` (dicts by attname: "case_id", with "id" chosen by `reserve_ids`) into the model's table.
    A field a row leaves out gets the field's default, as a model instance would. No signals and no
    `save()`: the caller computes what `save()` would, dates included. The number of rows."""
    fields = _columns(model)
    defaults = {f.attname: f.get_default() for f in fields}
    names = [f.attname for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column or f.attname) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    written = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_value(row[name] if name in row else defaults[name]) for name in names])
            written += 1
    return written


def create(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """bulk_create in batches: for the smaller tables, whose rows are model instances."""
    model._default_manager.bulk_create(objects, batch_size=BATCH)


def copy_new(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> range:
    """COPY rows that have no id yet, giving each the next of the ids reserved for them (in order, and set
    on each row as "id" so that rows made later can point at them). The ids."""
    ids = reserve_ids(model, len(rows))
    for row, pk in zip(rows, ids, strict=True):
        row["id"] = pk
    copy_rows(model, rows)
    return ids
