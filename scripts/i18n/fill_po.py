"""Writes translations from a Python table into a .po catalogue (a translator's shortcut:
``python scripts/i18n/fill_po.py TABLE.py designer/i18n/locale/zh_CN/LC_MESSAGES/designer.po``).
TABLE.py defines ZH = {english: chinese}; a plural entry is keyed by its singular
(Chinese has one plural form). Entries not in the table are left as they are."""

from __future__ import annotations

import runpy
import sys

from babel.messages.pofile import read_po, write_po


def main(table_path: str, po_path: str) -> int:
    table = runpy.run_path(table_path)["ZH"]
    with open(po_path, "rb") as fh:
        catalog = read_po(fh)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        text = table.get(key)
        if text is None:
            if not (message.string[0] if isinstance(message.string, tuple) else message.string):
                missing.append(key)
            continue
        message.string = (text,) if isinstance(message.id, tuple) else text
        message.flags.discard("fuzzy")
    with open(po_path, "wb") as fh:
        write_po(fh, catalog, omit_header=False)
    for key in missing:
        print(f"untranslated: {key!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
