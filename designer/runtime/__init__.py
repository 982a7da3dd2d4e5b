"""Running journeys. No Qt here.

* the tick and its rules, once for both engines: :mod:`.tick`, :mod:`.rules`,
  the interpreter (:mod:`.interpreter`);
* :mod:`.durable`: the SQL engine (tables, store, outbox and deliverer, wall or
  demo clock, reports);
* :mod:`.dryrun`: the simulator (numpy columns, virtual time, simulated responses);
* :mod:`.channels` (connectors), :mod:`.imports` (the one contacts reader),
  :mod:`.sample` (sample contacts and history).

Modules that moved keep their old import paths (``designer.runtime.engine``,
``designer.runtime.dryrun.contacts`` ...): :data:`MOVED` maps each to its home.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

MOVED = {
    **{f"designer.runtime.{m}": f"designer.runtime.durable.{m}" for m in (
        "engine", "due", "events", "enrol", "sink", "versions", "store", "tables", "frames", "report",
        "listening", "contacts", "clock")},
    "designer.runtime.entries": "designer.runtime.durable.checked_triggers",
    "designer.runtime.delivery": "designer.runtime.durable.deliverer",
    "designer.runtime.dryrun.clock": "designer.runtime.dryrun.buckets",
    "designer.runtime.dryrun.contacts": "designer.runtime.dryrun.columns",
    "designer.runtime.dryrun.entries": "designer.runtime.dryrun.triggers",
}


class _Moved(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old module path as the module at its new home (the same module object)."""

    def find_spec(self, name, path, target=None):
        return importlib.util.spec_from_loader(name, self) if name in MOVED else None

    def create_module(self, spec):
        return importlib.import_module(MOVED[spec.name])

    def exec_module(self, module) -> None:
        pass


if not any(isinstance(f, _Moved) for f in sys.meta_path):
    sys.meta_path.insert(0, _Moved())
