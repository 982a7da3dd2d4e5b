"""A traced dry-run path in the reader's words: the CLI's ``--trace`` and the window's contact
timeline read the same notes the same way.

The simulator writes its notes as English text in the report ("exit: why", "stage -> x",
"suppressed: no_consent"), which ``--json`` keeps as it is; they are read here into messages
(codes in designer/i18n/messages_cli.py, ``dry.*`` and ``path.*``).
"""

from __future__ import annotations

from typing import Any

from designer.i18n import Message, from_stored, render

# The simulator's notes (designer/runtime/dryrun/state.py, trace.py), by their English start.
_NOTES = (("exit: ", "dry.exit"), ("converted: ", "dry.converted"), ("stage -> ", "dry.stage"),
          ("quiet hours, until ", "dry.deferred"), ("goal reached: ", "dry.goal-reached"))
_STATUSES = ("delivered", "failed", "suppressed")
_KINDS = ("wait", "end", "goal", "deferred", "stage")


def note(detail: Any) -> str:
    """A step's note ('exit: No order within 3 days') in the reader's words."""
    text = render(from_stored(detail)) if not isinstance(detail, str) or detail.startswith('{"code"') else detail
    for prefix, code in _NOTES:
        if text.startswith(prefix):
            return render(Message(code, {"text": note(text[len(prefix):])}))
    if text == "waiting":  # a wait step's note (simulator.py)
        return render(Message("now.waiting"))
    return render(from_stored(text))


def status(text: str) -> str:
    """A message's status ('delivered', 'suppressed: no_consent') in the reader's words."""
    what, _, reason = text.partition(": ")
    word = render(Message(f"dry.{what}")) if what in _STATUSES else what
    return render(Message("dry.status-reason", {"status": word, "reason": reason})) if reason else word


def _day(entry: dict) -> int:
    return int(float(entry.get("t", 0)) // 86400)


def timeline(path: list[dict], titles: dict[str, str]) -> list[str]:
    """'day 0  Welcome email: email delivered' ... for a traced dry-run path."""
    lines = []
    for e in path:
        where = titles.get(e.get("node", ""), e.get("node", ""))
        kind = e.get("type")
        if kind == "event":
            text = Message("report.path-event", {"event": e.get("event")})
        elif kind == "step":
            text = (Message("path.step-port", {"where": where, "port": e["port"]})
                    if e.get("port") not in (None, "next") else Message("path.step-passed", {"where": where}))
        elif kind == "message":
            text = Message("path.message", {"where": where, "channel": e.get("channel"),
                                            "status": status(str(e.get("status")))})
        else:
            what = render(Message(f"path.kind-{kind}")) if kind in _KINDS else str(kind)
            text = (Message("path.other-detail", {"where": where, "kind": what, "detail": note(e["detail"])})
                    if e.get("detail") else Message("path.other", {"where": where, "kind": what}))
        lines.append(render(Message("path.day", {"day": _day(e), "text": text})))
    return lines


def where_now(path: list[dict], titles: dict[str, str]) -> str:
    """Why the contact waits or stopped, from its last entry."""
    for e in reversed(path):
        if e.get("type") in ("wait", "end", "goal", "deferred"):
            where = titles.get(e.get("node", ""), e.get("node", ""))
            now = Message(f"path.now-{e['type']}", {"where": where})
            if e.get("detail"):
                now = Message("trace.step-detail", {"what": now, "detail": note(e["detail"])})
            return render(now)
    return render(Message("path.not-in" if not path else "path.moved-through"))
