"""journey templates list/show, journey new --template, journey runbook."""

from __future__ import annotations

import json
import shutil

import pytest

from designer.cli import main
from designer.fileformat import load
from designer.templates.library import builtin_dir


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_filters_and_json(capsys):
    status, out, _ = run(capsys, "templates", "list", "--json")
    assert status == 0 and len(json.loads(out)) == 16
    status, out, _ = run(capsys, "templates", "list", "--stage", "promoter", "--channel", "wechat", "--json")
    assert {c["name"] for c in json.loads(out)} == {"vip-early-access", "referral"}
    status, out, _ = run(capsys, "templates", "list", "--lang", "zh", "--channel", "sales_task")
    assert status == 0 and "展会三阶段旅程" in out and "Trade show" not in out
    assert run(capsys, "templates", "list", "--channel", "fax")[1].strip() == "no templates match"


def test_show_fills_in_the_defaults(capsys):
    status, out, _ = run(capsys, "templates", "show", "abandoned-cart", "--json")
    card = json.loads(out)
    assert status == 0 and "{{" not in card["description"] and "at most 3 messages in 7 days" in card["description"]
    assert {p["name"] for p in card["parameters"]} >= {"cap_messages", "coupon_value"}
    status, out, _ = run(capsys, "templates", "show", "birthday", "--lang", "zh")
    assert status == 0 and "生日关怀" in out and "send_time" in out and "以下之一：08:00" in out and "参数（" in out
    status, _, err = run(capsys, "templates", "show", "nope")
    assert status == 2 and "no template 'nope'" in err and "welcome" in err


def test_new_from_template_with_parameters(tmp_path, capsys):
    path = tmp_path / "wb.json"
    status, out, _ = run(capsys, "new", str(path), "--template", "win-back", "--lang", "zh",
                         "--param", "coupon_value=35", "--param", "reminder_channel=wechat")
    assert status == 0 and "沉睡会员唤醒" in out
    wf = load(path).workflows[0]
    assert wf.node("remind").kind == "send.wechat" and "35 元" in wf.node("coupon").settings["subject"]
    assert run(capsys, "validate", str(path))[0] == 0


@pytest.mark.parametrize("param, words", [
    ("reminder_channel=fax", ["'reminder_channel'", "one of: sms, wechat, push"]),
    ("coupon_value=1", ["'coupon_value'", "from 5 to 200"]),
    ("colour=red", ["unknown parameter 'colour'", "coupon_value"]),
    ("coupon_value", ["name=value"]),
])
def test_bad_parameter_exits_2_naming_it(tmp_path, capsys, param, words):
    path = tmp_path / "wb.json"
    status, _, err = run(capsys, "new", str(path), "--template", "win-back", "--param", param)
    assert status == 2 and not path.exists() and len(err.strip().splitlines()) == 1
    assert all(w in err for w in words), err


def test_param_without_template_is_a_usage_error(tmp_path, capsys):
    status, _, err = run(capsys, "new", str(tmp_path / "x.json"), "--param", "a=1")
    assert status == 2 and "--template" in err and not (tmp_path / "x.json").exists()


def test_user_folder_templates_are_listed(tmp_path, capsys):
    shutil.copy(next(builtin_dir().glob("*-referral.json")), tmp_path / "mine.json")
    data = json.loads((tmp_path / "mine.json").read_text(encoding="utf-8"))
    data["id"] = "my-referral"
    (tmp_path / "mine.json").write_text(json.dumps(data), encoding="utf-8")
    status, out, _ = run(capsys, "templates", "list", "--dir", str(tmp_path), "--json")
    mine = [c for c in json.loads(out) if c["name"] == "my-referral"]
    assert status == 0 and mine and mine[0]["user"] is True


def test_runbook_markdown_with_a_fresh_dry_run(tmp_path, capsys, qapp):
    bp = tmp_path / "cart.json"
    assert run(capsys, "new", str(bp), "--template", "abandoned-cart")[0] == 0
    out = tmp_path / "cart.md"
    status, _, err = run(capsys, "runbook", str(bp), "-o", str(out), "--dry-run")
    assert status == 0, err
    text = out.read_text(encoding="utf-8")
    assert "# Journey runbook: Abandoned cart recovery" in text and "data:image/png;base64," in text
    assert "Frequency cap: at most 3 messages per 7 days" in text and "| Cart abandoned | 1,000 |" in text
    status, _, err = run(capsys, "runbook", str(bp), "-o", str(tmp_path / "cart.doc"))
    assert status == 2 and ".html, .md or .pdf" in err
    status, _, err = run(capsys, "runbook", str(bp), "-o", str(out))
    assert status == 2 and "already exists" in err
    status, _, err = run(capsys, "runbook", str(bp), "-o", str(tmp_path / "x.md"), "--workflow", "nope")
    assert status == 2 and "abandoned_cart" in err


def test_runbook_reads_the_forecast_saved_in_the_database(tmp_path, db_target, capsys, qapp):
    bp = tmp_path / "cart.json"
    assert run(capsys, "new", str(bp), "--template", "abandoned-cart")[0] == 0
    assert run(capsys, "dry-run", str(bp), "--contacts", "300", "--db", db_target)[0] == 0  # a file, then a URL
    out = tmp_path / "cart.md"
    status, _, err = run(capsys, "runbook", str(bp), "-o", str(out), "--db", db_target)
    assert status == 0, err
    assert "| Cart abandoned | 300 |" in out.read_text(encoding="utf-8")


def test_runbook_pdf_in_chinese_reads_as_pages(tmp_path, capsys, qapp):
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    bp = tmp_path / "show.json"
    assert run(capsys, "new", str(bp), "--template", "trade-show", "--lang", "zh")[0] == 0
    out = tmp_path / "show.pdf"
    assert run(capsys, "runbook", str(bp), "-o", str(out), "--lang", "zh", "--dry-run")[0] == 0
    assert out.read_bytes().startswith(b"%PDF")
    doc = QPdfDocument()
    doc.load(str(out))
    assert doc.pageCount() >= 3
    page = doc.render(0, QSize(600, 850))
    inked = sum(page.pixelColor(x, y).alpha() > 0 and page.pixelColor(x, y).lightness() < 128
                for x in range(0, 600, 4) for y in range(0, 850, 4))
    assert inked > 500  # text and the journey picture, not a blank page
    assert "展会三阶段旅程" in doc.getAllText(0).text()
    doc.close()
