"""The results dashboard: funnel, messages per channel per day, suppressions and
deferrals by reason, contact pressure, experiments against the holdout, and the
programme / workflow / message metrics. Qt Charts; each chart can be saved as
PNG and its numbers as CSV.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from designer.csv_cells import write_rows
from designer.nodes import channel_word

from . import figures

COLOURS = ("#3b7dd8", "#e0604c", "#2f9e6b", "#d99a1e", "#7c5cd6", "#4aa3b5", "#9aa3b5")


def tr(text: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate("", text, disambiguation)


def _chart(title: str) -> QChart:
    chart = QChart()
    # a chart title is one line unless it is rich text: the lines of a long title as HTML, not cut off
    chart.setTitle("<br>".join(html.escape(line, quote=False) for line in title.split("\n")) if "\n" in title else title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(6)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


class ChartBox(QFrame):
    """One chart with its numbers and the PNG / CSV buttons."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(230)
        self.header: list[str] = []
        self.rows: list[list] = []
        png, data = QPushButton(tr("PNG…")), QPushButton(tr("CSV…"))
        png.clicked.connect(lambda: self._ask("png"))
        data.clicked.connect(lambda: self._ask("csv"))
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(png)
        bar.addWidget(data)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)

    def show(self, chart: QChart, header: list[str], rows: list[list]) -> None:
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None:
            old.deleteLater()
        self.header = header
        self.rows = [[int(v) if isinstance(v, float) and v.is_integer() else v for v in row] for row in rows]

    def _ask(self, what: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export"), f"{self.name}.{what}",
                                              tr("PNG image (*.png)") if what == "png" else tr("CSV (*.csv)"))
        if path:
            self.save_png(path) if what == "png" else self.save_csv(path)

    def save_png(self, path: str | Path) -> bool:
        return self.view.grab().save(str(path))

    def save_csv(self, path: str | Path) -> None:
        """The chart's numbers; step and experiment names are user text, so cells that a
        spreadsheet would run as formulas are written safe (designer/csv_cells.py)."""
        with open(path, "w", newline="", encoding="utf-8") as f:
            write_rows(f, self.header, self.rows)


LABEL_COLUMNS = 22  # a category's label at most this wide (a CJK character takes two columns), then "…"


def short_label(text: str, columns: int = LABEL_COLUMNS) -> str:
    """``text`` cut to ``columns`` display columns with an ellipsis, so that Chinese and English
    names take the same room (the full name is the bar's tooltip)."""
    from designer.i18n import pad, text_width

    return text if text_width(text) <= columns else pad(text, columns - 1).rstrip() + "…"


def _bars(title: str, labels: list[str], sets: dict[str, list[float]], horizontal=False, stacked=False,
          full: list[str] | None = None) -> QChart:
    """A bar chart; ``full`` are the categories' whole names, shown as a bar's tooltip where ``labels`` are cut."""
    chart = _chart(title)
    series = QHorizontalBarSeries() if horizontal else (QStackedBarSeries() if stacked else QBarSeries())
    for i, (name, values) in enumerate(sets.items()):
        bar = QBarSet(name)
        bar.append([float(v) for v in values])
        bar.setColor(QColor(COLOURS[i % len(COLOURS)]))
        series.append(bar)
    if horizontal:
        series.setLabelsVisible(True)
    chart.addSeries(series)
    cats, values = QBarCategoryAxis(), QValueAxis()
    short = [short_label(text) for text in labels]
    cats.append(short)
    cats.setTruncateLabels(False)  # Qt would cut them to "..." in a small chart; they are cut to fit above
    small = cats.labelsFont()
    small.setPointSizeF(7.5)
    cats.setLabelsFont(small)
    names = full or labels
    if names != short:
        series.hovered.connect(lambda state, index, _set: _tip(state, names[index] if index < len(names) else ""))
    chart.addAxis(cats, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(cats)
    series.attachAxis(values)
    top = max((max(v, default=0) for v in sets.values()), default=0)
    if stacked:
        top = max((sum(col) for col in zip(*sets.values())), default=0)
    values.setRange(0, max(1.0, top * 1.1))
    values.applyNiceNumbers()
    values.setLabelFormat("%.0f" if top >= 5 else "%.1f")  # an empty chart's 0..1 axis reads 0.0 ... 1.0, not 0 0 1 1
    values.setTruncateLabels(False)  # short numbers: Qt would show "..." in a low chart (CJK fonts are taller)
    chart.legend().setVisible(len(sets) > 1)
    return chart


def _tip(state: bool, text: str) -> None:
    if state and text:
        QToolTip.showText(QCursor.pos(), text)
    else:
        QToolTip.hideText()


class Dashboard(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.report: dict | None = None
        self.summary = QLabel(tr("Press Dry-run to see where contacts go."))
        self.summary.setObjectName("dashboardSummary")
        self.summary.setWordWrap(True)
        self.boxes = {name: ChartBox(name) for name in ("funnel", "channels", "reasons", "pressure", "experiments")}
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Level"), tr("Name"), tr("Metric"), tr("Value", "a metric's number")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(230)
        grid = QGridLayout()
        for i, name in enumerate(self.boxes):
            grid.addWidget(self.boxes[name], i // 3, i % 3)
        grid.addWidget(self.table, 1, 2)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.summary)
        column.addLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def show_report(self, report: dict, workflow_id: str | None = None, blueprint=None) -> None:
        self.report = report
        self.blueprint = blueprint
        wf = figures.find_workflow(report, workflow_id) if workflow_id else None
        wf = wf or report["workflows"][0]
        p = report["programme"]
        locale = QLocale()  # the window's language: digits and separators as its readers write them

        def count(value) -> str:
            return locale.toString(round(figures.mean(value)))

        runs = tr(", %s runs (mean)") % report["runs"] if report.get("runs") else ""
        self.summary.setText(tr("%s contacts over %s days%s: %s enrolled, %s converted (%s), %s messages delivered")
                             % (count(report["contacts"]), count(report["days"]), runs, count(p["enrolled"]),
                                count(p["converted"]), locale.toString(figures.mean(wf["goal"]["rate"]) * 100, "f", 1)
                                + "%", count(p["messages"]["delivered"])))
        rows = figures.funnel(wf)
        labels = [r[0] for r in rows]
        self.boxes["funnel"].show(_bars(tr("Funnel: %s") % wf["name"], labels[::-1],
                                        {tr("contacts"): [r[1] for r in rows][::-1]}, horizontal=True),
                                  [tr("step"), tr("contacts")], [list(r) for r in rows])
        self._channels(report)
        reasons = figures.reasons(report)
        channels = sorted({ch for per in reasons.values() for ch in per})
        self.boxes["reasons"].show(
            _bars(tr("Not sent when planned, by reason"), list(reasons),
                  {channel_word(ch): [reasons[r].get(ch, 0) for r in reasons] for ch in channels}, stacked=True),
            [tr("reason"), *map(channel_word, channels)], [[r, *(reasons[r].get(ch, 0) for ch in channels)] for r in reasons])
        pressure = figures.pressure(report)
        self.boxes["pressure"].show(
            _bars(tr("Contact pressure: messages in the busiest week"), [k for k, _ in pressure],
                  {tr("contacts"): [v for _, v in pressure]}),
            [tr("messages in the busiest week"), tr("contacts")], [list(r) for r in pressure])
        self._experiments(report, blueprint)
        self._metrics(report)

    def _channels(self, report: dict) -> None:
        days = figures.channel_days(report)
        chart = _chart(tr("Messages per channel per day"))
        x, y = QValueAxis(), QValueAxis()
        x.setLabelFormat("%d")
        x.setTitleText(tr("day"))
        y.setLabelFormat("%.0f")
        x.setTruncateLabels(False)
        y.setTruncateLabels(False)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        top, length = 1.0, 1
        for i, (ch, values) in enumerate(days.items()):
            line = QLineSeries()
            line.setName(channel_word(ch))
            line.setColor(QColor(COLOURS[i % len(COLOURS)]))
            for d, v in enumerate(values):
                line.append(d, v)
            chart.addSeries(line)
            line.attachAxis(x)
            line.attachAxis(y)
            top, length = max(top, max(values, default=0)), max(length, len(values))
        x.setRange(0, max(1, length - 1))
        y.setRange(0, top * 1.1)
        y.applyNiceNumbers()
        rows = [[d, *(days[ch][d] if d < len(days[ch]) else 0 for ch in days)] for d in range(length)]
        self.boxes["channels"].show(chart, [tr("day"), *map(channel_word, days)], rows)

    def _experiments(self, report: dict, blueprint) -> None:
        variants = figures.experiments(report, blueprint)
        rows = [[v.experiment, v.port, v.contacts, v.converted, round(v.rate, 6),
                 None if v.lift is None else round(v.lift, 6), None if v.low is None else round(v.low, 6),
                 None if v.high is None else round(v.high, 6), v.planned] for v in variants]
        title = tr("Experiments: conversion by variant")
        if variants:
            lifts = [f"{v.port}: {v.lift:+.1%} (95% CI {v.low:+.1%} to {v.high:+.1%})" for v in variants
                     if v.lift is not None]
            title += "\n" + tr("lift over holdout: ") + "; ".join(lifts)
            planned = variants[0].planned
            if planned:
                smallest = min(v.contacts for v in variants if v.port != "holdout")
                title += "\n" + (tr("planned sample reached: %s of %s per variant") if smallest >= planned
                                 else tr("planned sample NOT reached: %s of %s per variant")) % (
                    f"{smallest:,.0f}", f"{planned:,}")
            for e in report.get("experiments", []):  # the forecast's readout (issue 18): when the sample is full
                week = e.get("sample", {}).get("week")
                if week:
                    title += "\n" + tr("'%s': planned sample of %s per group reached in week %s") % (
                        e["title"], f"{e['sample']['per_group']:,}", week)
        else:
            title += "\n" + tr("(no experiment with a holdout in this blueprint)")
        chart = _bars(title, [f"{v.port}" for v in variants] or ["—"],
                      {tr("conversion %"): [100 * v.rate for v in variants] or [0]})
        self.boxes["experiments"].show(
            chart, [tr("experiment"), tr("variant"), tr("contacts"), tr("converted"), tr("rate"), tr("lift"),
                    tr("lift low (95%)"), tr("lift high (95%)"), tr("planned per variant")],
            rows)

    def _metrics(self, report: dict) -> None:
        rows = figures.metrics(report)
        self.table.setRowCount(len(rows))
        for r, (level, name, metric, value) in enumerate(rows):
            shown = f"{value:.1%}" if "rate" in metric else f"{value:,.0f}"
            for c, text in enumerate((figures.metric_words(level), name, figures.metric_words(metric), shown)):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)

    def metrics_rows(self) -> list[tuple]:
        return figures.metrics(self.report) if self.report else []
