"""Delivery connectors: where an outbox row goes when the deliverer sends it.

Every channel goes to the local **sandbox** (the outbox row is the message;
nothing leaves the machine) until the local connector config says otherwise:
``webhook`` (httpx, for any channel), or ``smtp`` (email). Connectors return an
:class:`Outcome`; the deliverer records it and schedules retries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol


@dataclass(frozen=True)
class Outcome:
    result: Literal["sent", "retry", "failed"]
    error: str | None = None
    response: str | None = None


@dataclass(frozen=True)
class Message:
    """An outbox row, as a connector sees it."""

    key: str
    channel: str
    contact_id: str
    payload: dict
    attempt: int


Recovery = Literal["resend", "sent", "in_doubt"]


class Connector(Protocol):
    name: str

    def send(self, message: Message) -> Outcome: ...

    def recover(self, message: Message) -> Recovery:
        """A row left 'sending' by a process that died: was it delivered?"""

    def close(self) -> None: ...


class Sandbox:
    """The default: the message stays in the local outbox, marked 'sandboxed'."""

    name = "sandbox"

    def send(self, message: Message) -> Outcome:
        return Outcome("sent", response="kept in the sandbox outbox")

    def recover(self, message: Message) -> Recovery:
        return "resend"

    def close(self) -> None:
        pass
