"""Writes translations from a Python table into a Qt .ts file (a translator's shortcut next to
Qt Linguist: ``python scripts/i18n/fill_ts.py TABLE.py resources/i18n/designer_zh_CN.ts``).
TABLE.py defines ZH = {english: translation}; filled entries lose their "unfinished" mark."""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET


def main(table_path: str, ts_path: str) -> int:
    table = runpy.run_path(table_path)["ZH"]
    tree = ET.parse(ts_path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") == "unfinished":
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    for source in missing:
        print(f"untranslated: {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
