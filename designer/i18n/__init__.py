"""Translations for the core: messages as codes with parameters, rendered at the edge.

Text a user reads is made in the core as a :class:`Message` (a stable code and
its parameters) and turned into words only where it is shown (the CLI's text
output, the window), in the reader's language. What is stored (a run's wait
reasons) is the message as JSON, so a run recorded in English reads in Chinese.

English is the source language: every message's English text is a constant in
:mod:`designer.i18n.messages` (or an ``N_("...")`` literal next to the kind or
field it names), so ``pybabel extract`` sees all of them (see babel.cfg and
scripts/translations.sh). Translations are gettext catalogues under
``designer/i18n/locale/<lang>/LC_MESSAGES/designer.po``, compiled to ``.mo``.
Adding a language = one more ``.po`` (core) and one more ``.ts`` (window).
No Qt here: the window uses the same catalogue for the core's words.
"""

from __future__ import annotations

import gettext
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "designer"
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}  # code -> its own name
_current = "en"


def N_(text: str) -> str:
    """Marks a literal for extraction; translated later, where it is shown."""
    return text


def C_(context: str, text: str) -> tuple[str, str]:
    """Marks a word that needs a context to be translated right (one English word, two
    Chinese ones: a build queue's "Value" is 价值, a setting's "Value" is 值); :func:`translate`
    takes the pair (gettext's msgctxt, ``pgettext``)."""
    return (context, text)


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular/plural pair for extraction (the count is the ``count`` parameter)."""
    return (singular, plural)


@dataclass(frozen=True)
class Message:
    """A text a user reads, as a stable code and its parameters (JSON-serialisable).

    Parameters are str, numbers, or Messages (a kind's label, a port's name)
    rendered in the same language. ``str(message)`` renders in the current language.
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    @staticmethod
    def word(text: str) -> Message:
        """A word declared with ``N_`` elsewhere (a kind label, a port name), translated when shown."""
        return Message("term", {"text": text})

    def __str__(self) -> str:
        return render(self)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": {k: _json_value(v) for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: Any) -> Message | str:
        """A message stored by :meth:`to_json`; plain text (older rows) stays text."""
        if isinstance(data, dict) and isinstance(data.get("code"), str):
            params = data.get("params") if isinstance(data.get("params"), dict) else {}
            return cls(data["code"], {k: _from_json_value(v) for k, v in params.items()})
        return "" if data is None else str(data)


def _json_value(value: Any) -> Any:
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value.to_json() if isinstance(value, Message) else value


def _from_json_value(value: Any) -> Any:
    if isinstance(value, list):
        return [_from_json_value(v) for v in value]
    if isinstance(value, dict) and isinstance(value.get("code"), str) and "params" in value:
        return Message.from_json(value)
    return value


# Reasons stored as plain English text (older runs; the outbox's last error): shown translated too.
_LEGACY = {"quiet hours": "reason.quiet-hours", "time's up": "reason.times-up", "wait": "reason.wait",
           "no email address": "reason.no-email", "no phone number": "reason.no-phone",
           "no WeChat id": "reason.no-wechat"}


def stored(message: Message) -> str:
    """A message as text for a database column (JSON); read back with :func:`from_stored`."""
    return json.dumps(message.to_json(), ensure_ascii=False, separators=(",", ":"))


def from_stored(text: str | None) -> Message | str:
    """What :func:`stored` wrote; plain text from older rows is returned as it is
    (or as its message, for the few fixed reasons older versions wrote)."""
    if not text:
        return ""
    if text.startswith('{"code"'):
        try:
            return Message.from_json(json.loads(text))
        except ValueError:
            return text
    if text in _LEGACY:
        return Message(_LEGACY[text])
    if text.startswith("event ") and " " not in text[6:]:
        return Message("reason.event", {"event": text[6:]})
    if text.startswith("no consent for ") and " " not in text[15:]:
        return Message("reason.no-consent", {"channel": text[15:]})
    return text


def normalise(lang: str | None) -> str:
    """'zh', 'zh_CN.UTF-8', 'zh-Hans' -> 'zh_CN'; anything else -> 'en'."""
    text = (lang or "").strip().replace("-", "_").lower()
    return "zh_CN" if text.startswith("zh") else "en"


def from_environment(environ: os._Environ | dict | None = None) -> str:
    """The language the environment asks for, the way gettext reads it."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:  # the first one set decides (C and POSIX mean English)
            return normalise(value)
    return "en"


def set_language(lang: str | None) -> str:
    """Sets the language core messages render in; returns the normalised code."""
    global _current
    _current = normalise(lang)
    return _current


def language() -> str:
    return _current


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime - 1):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if po.exists():  # a fresh edit not yet compiled: compile in memory (Babel)
        import io

        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


def translate(text: str | tuple[str, str], lang: str | None = None) -> str:
    """The translation of a word declared with ``N_`` (a label, a description), or of a
    ``C_(context, word)`` pair."""
    if isinstance(text, tuple):
        return _catalogue(lang or _current).pgettext(*text)
    return _catalogue(lang or _current).gettext(text) if text else text


def render(message: Message | str, lang: str | None = None) -> str:
    """A message's text in ``lang`` (default: the current language)."""
    if not isinstance(message, Message):
        return "" if message is None else str(message)
    lang = lang or _current
    catalogue = _catalogue(lang)
    if message.code == "term":
        return catalogue.gettext(str(message.params.get("text", "")))
    if message.code == "field":  # a setting: its name in English (as files have it), its label in translations
        name = str(message.params.get("name", ""))
        return name if lang == "en" else catalogue.gettext(str(message.params.get("label") or name))
    if message.code == "join":  # a list of words, each translated
        items = message.params.get("items") or []
        quote = str(message.params.get("quote", ""))
        return str(message.params.get("sep", ", ")).join(f"{quote}{render(i, lang)}{quote}" for i in items)
    from .messages import MESSAGES  # the table of English texts, loaded on first use

    english = MESSAGES.get(message.code)
    if english is None:  # a code this version does not know (a newer run's row)
        return message.code + (f" {message.params}" if message.params else "")
    params = {k: render(v, lang) if isinstance(v, Message) else v for k, v in message.params.items()}
    if isinstance(english, tuple):
        count = params.get("count", 0)
        n = count if isinstance(count, int) else (int(count) if isinstance(count, float) and count.is_integer() else 2)
        text = catalogue.ngettext(english[0], english[1], n)
    else:
        text = catalogue.gettext(english)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: fall back to English
        source = english if isinstance(english, str) else english[params.get("count") != 1]
        try:
            return source.format(**params)
        except (KeyError, IndexError, ValueError):
            return source


def text_width(text: str) -> int:
    """Columns a terminal gives ``text`` (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` cut and padded to ``width`` terminal columns (CJK characters take two), for text tables."""
    import unicodedata

    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width:
            break
        out.append(ch)
        used += w
    fill = " " * (width - used)
    return fill + "".join(out) if right else "".join(out) + fill


def babel_locale(lang: str | None = None) -> str:
    return "zh_Hans_CN" if (lang or _current) == "zh_CN" else "en_US"


def format_number(value: float, lang: str | None = None) -> str:
    """A number written for the locale (Babel): 12,345.5 / 12,345.5."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(lang))


def format_percent(value: float, lang: str | None = None, digits: int = 1) -> str:
    from babel.numbers import format_percent as fmt

    return fmt(value, format="#,##0." + "0" * digits + "%" if digits else "#,##0%", locale=babel_locale(lang))


def format_datetime(value, lang: str | None = None, fmt: str = "medium") -> str:
    from babel.dates import format_datetime as fmt_dt

    return fmt_dt(value, format=fmt, locale=babel_locale(lang))


__all__ = [
    "C_",
    "LANGUAGES",
    "NP_",
    "N_",
    "Message",
    "format_datetime",
    "format_number",
    "format_percent",
    "from_environment",
    "from_stored",
    "language",
    "normalise",
    "render",
    "set_language",
    "stored",
    "translate",
]
