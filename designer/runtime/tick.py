"""The order of a journey tick, written once: the durable engine and the dry-run both run it.

1. **New events**: goal events convert (wherever the contact is), then exit
   events take contacts out, then waits for an event wake (an event that came
   before a wait's timeout wins over it).
2. **Due work**: waits whose time has come, woken waits and sends held by
   quiet hours move on through the journey (:func:`~.interpreter.advance`).
3. **Triggers**: event triggers, lists, segments, schedules and dates put
   contacts forward to enter. Step 2 came first, so a pass that has just
   ended frees its contact to enter again (:func:`~.rules.passes.may_enter`).
4. **Conditions**: the goal and exit criteria conditions are checked across
   everyone inside (:func:`~.rules.passes.ended_by_conditions`).
5. **New passes** start at once and run until they wait or finish.

The rules inside each phase are shared too (:mod:`.rules`); what an engine
supplies is only its store (SQL tables or numpy columns), its clock and its
delivery, behind the :class:`Phases` protocol. The durable engine runs a tick
at the wall clock's ``now``; the dry-run runs one per round of a span of
virtual ticks, each contact at its own tick (:mod:`.dryrun.span`), so there
``now`` is the span's first moment and the phases read each contact's own.
"""

from __future__ import annotations

from collections import Counter
from typing import Protocol, runtime_checkable


@runtime_checkable
class Phases(Protocol):
    """What an engine does in each phase of a tick at ``now``; each returns what it did."""

    def take_events(self, now: float) -> Counter: ...

    def advance_due(self, now: float) -> Counter: ...

    def enrol(self, now: float) -> Counter: ...

    def sweep_conditions(self, now: float) -> Counter: ...

    def start_passes(self, now: float) -> Counter: ...


def run_tick(engine: Phases, now: float) -> Counter:
    """One tick at ``now``, in the order above."""
    done = engine.take_events(now)
    done += engine.advance_due(now)
    done += engine.enrol(now)
    done += engine.sweep_conditions(now)
    done += engine.start_passes(now)
    return done
