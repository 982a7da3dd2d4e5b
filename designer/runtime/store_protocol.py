"""What the shared tick and its rules read from a store, whichever engine holds the contacts.

Two stores satisfy it: the dry-run's numpy columns
(:class:`~.dryrun.columns.ContactStore`) and the SQL store of the durable
engine (:class:`~.durable.store.Store`, on SQLite or PostgreSQL). The engines
differ in how they hold contacts; the rules (conditions, consent and address,
templates) only ever ask for a field of a batch of contacts, and get the same
answer from both (tests/runtime/test_store_protocol.py checks it on the same
contacts). The engine side of the seam is :class:`~.tick.Phases`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class ContactReader(Protocol):
    def contact_count(self) -> int:
        """How many contacts the store holds."""
        ...

    def field_values(self, name: str, contact_ids: Sequence[str]) -> list[Any]:
        """Field ``name`` (a contact field such as ``stage``, ``score``, ``tags``, or an attribute
        such as ``city``) of these contacts, in their order; None where a contact lacks it or is unknown."""
        ...
