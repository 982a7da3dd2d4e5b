"""The inspector: forms generated from the settings models, edits emitted, problems at the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from designer.app.inspector.panel import InspectorWidget
from designer.blueprint import ExitCriteria, Goal, JourneySettings, Node
from designer.examples import example_blueprint
from designer.nodes import all_kinds, get_kind
from designer.validation import Problem


@pytest.fixture
def bp():
    return example_blueprint()


@pytest.fixture
def inspector(qtbot):
    widget = InspectorWidget()
    qtbot.addWidget(widget)
    widget.resize(360, 900)
    widget.show()
    return widget


class Recorder:
    def __init__(self, *signals):
        self.calls: list[tuple] = []
        for signal in signals:
            signal.connect(lambda *args: self.calls.append(args))


def make(kind: str, node_id: str = "x", title: str = "", **settings) -> Node:
    raw = {**get_kind(kind).defaults(), **settings}
    return Node(id=node_id, kind=kind, title=title, settings=raw)


@pytest.mark.parametrize("kind", [k.kind for k in all_kinds()])
def test_every_kind_renders_its_defaults_without_emitting(inspector, bp, kind):
    rec = Recorder(inspector.settingsEdited, inspector.titleEdited)
    inspector.show_node("welcome", make(kind), bp)
    for name in get_kind(kind).settings_model.model_fields:
        row = inspector.row(name)
        assert row is not None, f"{kind}: no editor for {name}"
        assert row.severity() is None, f"{kind}.{name}: defaults flagged: {row.markers()} {row.feedback_text()}"
        assert row.editor.values()[name] == get_kind(kind).defaults()[name] or name == "at"
    assert rec.calls == []


def test_number_edit_emits_the_full_settings(inspector, bp):
    rec = Recorder(inspector.settingsEdited)
    inspector.show_node("welcome", bp.workflows[0].node("n3"), bp)  # Wait 2 days
    editor = inspector.editor("amount")
    editor.spin.setFocus()
    editor.spin.selectAll()
    editor.spin.lineEdit().setText("5")  # the inner editor of the spin box, as typed
    editor.spin.interpretText()
    editor.spin.editingFinished.emit()
    assert rec.calls == [("welcome", "n3", {"amount": 5.0, "unit": "days"})]


def test_unit_combo_emits_the_unit_with_the_amount(inspector, bp):
    rec = Recorder(inspector.settingsEdited)
    inspector.show_node("welcome", bp.workflows[0].node("n7"), bp)  # wait for event, 7 days timeout
    unit = inspector.editor("timeout_amount").unit
    unit.setCurrentIndex(unit.findData("hours"))
    unit.activated.emit(unit.currentIndex())
    assert len(rec.calls) == 1
    assert rec.calls[0][2]["timeout_unit"] == "hours" and rec.calls[0][2]["timeout_amount"] == 7
    assert rec.calls[0][2]["event"] == "purchased"  # the other settings ride along
    # switching the timeout off stores None
    inspector.editor("timeout_amount").toggle.click()
    assert rec.calls[-1][2]["timeout_amount"] is None


def test_literal_combo(inspector, bp):
    rec = Recorder(inspector.settingsEdited)
    inspector.show_node("welcome", make("send.webhook"), bp)
    box = inspector.editor("method").box
    box.setCurrentIndex(box.findData("PUT"))
    box.activated.emit(box.currentIndex())
    assert rec.calls[-1][2]["method"] == "PUT"


def test_condition_shows_syntax_errors_live_and_emits_on_enter(inspector, bp, qtbot):
    rec = Recorder(inspector.settingsEdited)
    inspector.show_node("welcome", bp.workflows[0].node("n4"), bp)
    row = inspector.row("condition")
    edit = row.editor.edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "score >")
    assert row.severity() == "error"
    assert row.feedback_text() == "Expected a value at position 7"  # the message and where
    assert edit.property("problem") == "error"
    assert edit.extraSelections()  # the error position is underlined
    edit.selectAll()
    qtbot.keyClicks(edit, "score >= 50")
    assert row.severity() is None
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert rec.calls == [("welcome", "n4", {"condition": "score >= 50"})]


def test_template_field_feedback_and_commit(inspector, bp, qtbot):
    rec = Recorder(inspector.settingsEdited)
    inspector.show_node("welcome", bp.workflows[0].node("n2"), bp)
    row = inspector.row("subject")
    edit = row.editor.edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Hi {{ first_name")
    assert row.severity() == "error" and "unclosed" in row.feedback_text().lower()
    qtbot.keyClicks(edit, " }}, welcome")
    assert row.severity() is None
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert rec.calls[-1][2]["subject"] == "Hi {{ first_name }}, welcome"
    assert rec.calls[-1][2]["body"].startswith("Hi {{first_name")  # untouched fields kept
    # the placeholder menu lists contact fields and the blueprint's variables
    row.editor._fill_menu()
    entries = [a.text() for a in row.editor.menu.actions()]
    assert "{{first_name}}" in entries and "{{email}}" in entries and "{{brand}}" in entries


def test_split_table_edit_add_and_remove(inspector, bp):
    rec = Recorder(inspector.settingsEdited)
    inspector.show_node("welcome", make("branch.random"), bp)
    editor = inspector.editor("branches")
    editor.table.item(0, 2).setData(Qt.ItemDataRole.EditRole, 70)
    assert rec.calls[-1][2]["branches"] == [
        {"id": "a", "label": "A", "weight": 70}, {"id": "b", "label": "B", "weight": 50}]
    assert editor.total.text() == "Total 120%"
    editor.add.click()
    assert rec.calls[-1][2]["branches"][-1] == {"id": "branch3", "label": "Branch 3", "weight": 0}
    editor.table.selectRow(0)
    editor.remove.click()
    assert [b["id"] for b in rec.calls[-1][2]["branches"]] == ["b", "branch3"]
    editor.remove.click()  # down to the minimum of two: refused
    assert not editor.remove.isEnabled()
    assert len(rec.calls[-1][2]["branches"]) == 2


def test_case_values_are_edited_as_a_comma_list(inspector, bp):
    rec = Recorder(inspector.settingsEdited)
    inspector.show_node("welcome", make("branch.attribute"), bp)
    table = inspector.editor("cases").table
    table.item(1, 2).setText("Shanghai, Suzhou ,  ")
    assert rec.calls[-1][2]["cases"][1]["values"] == ["Shanghai", "Suzhou"]


def test_weekdays_headers_datetime_and_timezone(inspector, bp):
    rec = Recorder(inspector.settingsEdited)
    inspector.show_node("welcome", make("trigger.schedule"), bp)
    inspector.editor("weekdays").buttons["wed"].click()
    assert rec.calls[-1][2]["weekdays"] == ["mon", "wed"]
    inspector.editor("at").toggle.click()
    assert isinstance(rec.calls[-1][2]["at"], str) and "T" in rec.calls[-1][2]["at"]
    tz = inspector.editor("timezone")
    tz.box.setEditText("Mars/Olympus")
    tz.box.lineEdit().editingFinished.emit()
    assert rec.calls[-1][2]["timezone"] == "UTC"  # an unknown zone is not emitted...
    assert inspector.row("timezone").severity() == "error"  # ...but shown at the field
    tz.box.setEditText("Asia/Shanghai")
    tz.box.lineEdit().editingFinished.emit()
    assert rec.calls[-1][2]["timezone"] == "Asia/Shanghai"

    inspector.show_node("welcome", make("send.webhook", node_id="w"), bp)
    headers = inspector.editor("headers")
    headers.add.click()
    headers.table.item(0, 1).setText("secret")  # no name yet: nothing to store
    headers.table.item(0, 0).setText("X-Api-Key")
    assert rec.calls[-1][2]["headers"] == {"X-Api-Key": "secret"}


def test_title_edit(inspector, bp, qtbot):
    rec = Recorder(inspector.titleEdited)
    inspector.show_node("welcome", bp.workflows[0].node("n3"), bp)
    title = inspector.title_edit()
    assert title.placeholderText() == "Wait"
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Pause")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert rec.calls == [("welcome", "n3", "Pause")]


def test_reshow_after_undo_keeps_focus_and_does_not_emit(inspector, bp, qtbot):
    inspector.activateWindow()
    qtbot.waitActive(inspector)
    rec = Recorder(inspector.settingsEdited, inspector.titleEdited)
    node = bp.workflows[0].node("n2")
    inspector.show_node("welcome", node, bp)
    body = inspector.editor("body").edit
    body.setFocus()
    inspector.resize(360, 320)
    qtbot.waitUntil(lambda: inspector.scroll.verticalScrollBar().maximum() > 40)
    inspector.scroll.verticalScrollBar().setValue(40)
    before = inspector.editor("subject").edit
    changed = node.model_copy(update={"settings": {**node.settings, "subject": "Undone subject"}})
    inspector.show_node("welcome", changed, bp)
    assert before.text() == "Undone subject"
    assert body.hasFocus()
    assert inspector.scroll.verticalScrollBar().value() == 40
    assert inspector.editor("body").edit is body  # the same widgets, not a rebuilt form
    assert rec.calls == []


def test_invalid_values_are_shown_at_the_field_without_crashing(inspector, bp):
    node = make("wait.delay", amount="lots", unit="fortnights")
    inspector.show_node("welcome", node, bp)
    amount = inspector.row("amount")
    assert amount.severity() == "error"
    assert "number" in amount.problem_text().lower() or "input should be" in amount.problem_text().lower()
    assert inspector.editor("amount").unit.currentText().startswith("fortnights")
    node = make("trigger.schedule", weekdays="monday", timezone="Nowhere/Land", at="not a date", day_of_month=99)
    inspector.show_node("welcome", node, bp)
    for name in ("weekdays", "timezone", "at", "day_of_month"):
        assert inspector.row(name).severity() == "error", name


def test_set_problems_marks_the_field_and_lists_the_rest(inspector, bp):
    node = make("wait.delay", node_id="n3", title="Wait 2 days", amount=2)
    inspector.show_node("welcome", node, bp)
    problems = [
        Problem("error", "invalid-settings", "welcome", ("n3",), "'Wait 2 days': amount: too long", "amount"),
        Problem("warning", "dangling-output", "welcome", ("n3",), "output 'Next' of 'Wait 2 days' leads nowhere",
                "next"),
        Problem("error", "unreachable", "welcome", ("n9",), "'Other' cannot be reached", None),
    ]
    inspector.set_problems(problems)
    amount = inspector.row("amount")
    assert amount.severity() == "error" and amount.problem_text() == "too long"
    assert inspector.editor("amount").spin.property("problem") == "error"
    assert inspector.banner_messages() == ["output 'Next' of 'Wait 2 days' leads nowhere"]
    inspector.set_problems([])
    assert amount.severity() is None and inspector.banner_messages() == []
    assert inspector.editor("amount").spin.property("problem") is None


def test_workflow_settings_emit_models(inspector, bp):
    rec = Recorder(inspector.workflowFieldEdited)
    wf = bp.workflows[0]
    inspector.show_workflow(wf, bp)
    assert rec.calls == []
    cap = inspector.editor("settings.frequency_cap.max_messages")
    cap.spin.setValue(5)
    cap.spin.editingFinished.emit()
    wf_id, field, value = rec.calls[-1]
    assert (wf_id, field) == ("welcome", "settings")
    assert isinstance(value, JourneySettings) and value.frequency_cap.max_messages == 5
    assert value.quiet_hours == wf.settings.quiet_hours
    inspector._workflow_page.sections["cap"].switch.click()  # frequency cap off
    assert rec.calls[-1][2].frequency_cap is None
    quiet_start = inspector.editor("settings.quiet_hours.start")
    quiet_start.time.setTime(quiet_start.time.time().fromString("22:30", "HH:mm"))
    quiet_start.time.editingFinished.emit()
    assert rec.calls[-1][2].quiet_hours.start == "22:30"
    channels = inspector.editor("settings.channel_priority")
    channels.list.setCurrentRow(3)  # email
    channels.up.click()
    assert rec.calls[-1][2].channel_priority == ["wechat", "push", "email", "in_app", "sms"]


def test_workflow_goal_name_and_stages(inspector, bp):
    rec = Recorder(inspector.workflowFieldEdited)
    wf = bp.workflows[0]
    wf.goal = Goal(event="purchased", window_days=14)
    inspector.show_workflow(wf, bp)
    days = inspector.editor("goal.window_days")
    days.spin.setValue(21)
    days.spin.editingFinished.emit()
    assert rec.calls[-1][1] == "goal" and rec.calls[-1][2].window_days == 21
    inspector._workflow_page.sections["goal"].switch.click()
    assert rec.calls[-1][1:] == ("goal", None)
    stage = inspector.editor("to_stage")
    stage.box.setCurrentIndex(stage.box.findData("repeat_customer"))
    stage.box.activated.emit(stage.box.currentIndex())
    assert rec.calls[-1][1:] == ("to_stage", "repeat_customer")
    name = inspector.editor("name")
    count = len(rec.calls)
    name.edit.setText("")
    name.edit.editingFinished.emit()
    assert len(rec.calls) == count  # an empty name is refused at the field...
    assert inspector.row("name").severity() == "error"
    name.edit.setText("Welcome series")
    name.edit.editingFinished.emit()
    assert rec.calls[-1][1:] == ("name", "Welcome series")  # ...and a good one is sent
    assert inspector.row("name").severity() is None


def test_workflow_exit_criteria_switch_event_and_condition(inspector, bp, qtbot):
    rec = Recorder(inspector.workflowFieldEdited)
    wf = bp.workflows[0]
    assert wf.exit_criteria is None
    inspector.show_workflow(wf, bp)
    section = inspector._workflow_page.sections["exit"]
    assert not section.is_on() and not section.form.isEnabled()
    section.switch.click()  # on, with the defaults
    assert rec.calls == [("welcome", "exit_criteria", ExitCriteria())]
    event = inspector.editor("exit_criteria.event")
    event.edit.setText("refund_requested")
    event.edit.editingFinished.emit()
    assert rec.calls[-1][1:] == ("exit_criteria", ExitCriteria(event="refund_requested"))
    row = inspector.row("exit_criteria.condition")
    edit = row.editor.edit
    edit.setFocus()
    count = len(rec.calls)
    qtbot.keyClicks(edit, 'has_tag("do_not_contact"')
    assert row.severity() == "error" and "position" in row.feedback_text()  # syntax feedback as you type
    assert len(rec.calls) == count
    qtbot.keyClicks(edit, ")")
    assert row.severity() is None
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    value = rec.calls[-1][2]
    assert isinstance(value, ExitCriteria)
    assert (value.event, value.condition) == ("refund_requested", 'has_tag("do_not_contact")')
    event.edit.setText("")  # the condition alone
    event.edit.editingFinished.emit()
    assert rec.calls[-1][2] == ExitCriteria(event=None, condition='has_tag("do_not_contact")')
    section.switch.click()
    assert rec.calls[-1][1:] == ("exit_criteria", None)
    # Showing a workflow that has exit criteria fills the section and emits nothing.
    wf.exit_criteria = ExitCriteria(event="email_unsubscribed", condition="score < 0")
    count = len(rec.calls)
    inspector.show_workflow(wf, bp)
    assert section.is_on() and inspector.editor("exit_criteria.condition").values() == {"condition": "score < 0"}
    assert len(rec.calls) == count
    inspector.set_problems([Problem("error", "invalid-settings", "welcome", (),
                                    "'Welcome journey': the exit criteria condition has an error: x",
                                    "exit_criteria.condition")])
    assert inspector.row("exit_criteria.condition").severity() == "error"
    assert inspector.row("goal.condition").severity() is None and inspector.banner_messages() == []


def test_workflow_problems_at_the_field(inspector, bp):
    wf = bp.workflows[0]
    inspector.show_workflow(wf, bp)
    inspector.set_problems([
        Problem("error", "invalid-settings", "welcome", (), "'Welcome journey': the goal condition has an error: x",
                "goal.condition"),
        Problem("warning", "no-goal", "welcome", (), "'Welcome journey' has no goal", None),
    ])
    assert inspector.row("goal.condition").severity() == "error"
    assert inspector.row("goal.window_days").severity() is None
    assert inspector.banner_messages() == ["'Welcome journey' has no goal"]


def test_show_nothing_and_unknown_kinds(inspector, bp):
    inspector.show_nothing()
    assert inspector.mode == "nothing" and inspector.empty.isVisible()
    inspector.show_node("welcome", Node(id="z", kind="send.carrier_pigeon", settings={"wings": 2}), bp)
    assert "carrier_pigeon" in inspector.header.description.text()
    assert isinstance(inspector.current_page(), QWidget)


def test_focus_passing_through_a_field_emits_nothing(inspector, bp, qtbot):
    rec = Recorder(inspector.settingsEdited, inspector.titleEdited)
    inspector.show_node("welcome", make("wait.delay", amount="lots"), bp)  # an invalid value stays as it is
    spin = inspector.editor("amount").spin
    spin.setFocus()
    spin.editingFinished.emit()
    condition = make("branch.condition", node_id="c", condition="score > 1 ")
    inspector.show_node("welcome", condition, bp)
    edit = inspector.editor("condition").edit
    edit.setFocus()
    edit.finished.emit()
    assert rec.calls == []


def test_switching_steps_commits_the_edit_in_progress_to_the_old_step(inspector, bp, qtbot):
    inspector.activateWindow()
    qtbot.waitActive(inspector)
    rec = Recorder(inspector.settingsEdited, inspector.titleEdited)
    wf = bp.workflows[0]
    inspector.show_node("welcome", wf.node("n3"), bp)
    title = inspector.title_edit()
    title.setFocus()
    assert title.hasFocus()
    qtbot.keyClicks(title, " more")  # typed, not yet committed
    inspector.show_node("welcome", wf.node("n2"), bp)
    assert rec.calls == [("welcome", "n3", "Wait 2 days more")]
    assert inspector.title_edit().text() == "Welcome email"


def test_populating_never_emits_even_after_the_debounce(inspector, bp, qtbot):
    rec = Recorder(inspector.settingsEdited, inspector.titleEdited, inspector.workflowFieldEdited)
    for node in bp.workflows[0].nodes:
        inspector.show_node("welcome", node, bp)
    for kind in all_kinds():
        inspector.show_node("welcome", make(kind.kind, node_id=kind.kind.replace(".", "_")), bp)
    inspector.show_workflow(bp.workflows[0], bp)
    qtbot.wait(700)  # number fields commit arrow clicks after a pause: nothing may be pending
    assert rec.calls == []
