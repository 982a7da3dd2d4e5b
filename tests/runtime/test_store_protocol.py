"""The seams of the one engine: both stores are ContactReaders and agree on the same contacts;
both engines run the tick's Phases."""

from __future__ import annotations

from designer.runtime.dryrun.columns import ContactStore, from_records
from designer.runtime.dryrun.simulator import Simulation
from designer.runtime.durable.engine import Engine
from designer.runtime.durable.store import Store
from designer.runtime.sample import sample_contacts
from designer.runtime.store_protocol import ContactReader
from designer.runtime.tick import Phases

from .conftest import add_people


def test_both_engines_run_the_same_phases():
    for engine_class in (Engine, Simulation):
        missing = [m for m in ("take_events", "advance_due", "enrol", "sweep_conditions", "start_passes")
                   if not callable(getattr(engine_class, m, None))]
        assert not missing, (engine_class, missing)
    assert issubclass(Engine, Phases) and issubclass(Simulation, Phases)


def test_the_array_store_and_the_sql_store_read_contacts_alike(store):
    people = sample_contacts(40)
    add_people(store, *people)
    columns = from_records(people)
    assert isinstance(store, ContactReader) and isinstance(columns, ContactReader)
    assert issubclass(Store, ContactReader) and issubclass(ContactStore, ContactReader)
    assert store.contact_count() == columns.contact_count() == 40
    ids = [p["id"] for p in people[::3]] + ["nobody"]
    for name in ("stage", "score", "email", "timezone", "city", "first_name"):
        sql, arrays = store.field_values(name, ids), columns.field_values(name, ids)
        assert sql == arrays, name
        assert sql[-1] is None
    assert [sorted(t) for t in store.field_values("tags", ids[:-1])] == \
        [sorted(t) for t in columns.field_values("tags", ids[:-1])]
    assert len({str(v) for v in store.field_values("stage", ids[:-1])}) > 1, "a test that can tell contacts apart"
