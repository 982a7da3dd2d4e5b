"""The Run panel: where the contacts come from, how long and how often to simulate,
and the buttons (Dry-run, Run, Pause, Stop, Demo), with progress.

The panel only collects choices and shows state; the controller does the work.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

SOURCES = ("sample", "synthetic", "csv", "database")

from .db_field import PathOrUrlEdit


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def speed_of(slider: int) -> float:
    """Slider 0..100 -> 1x .. 100,000x the wall clock (logarithmic)."""
    return 10 ** (slider / 20)


def speed_text(speed: float) -> str:
    day = speed / 86400
    if day >= 0.5:
        return tr("%.1f simulated days per second") % day
    hours = speed / 3600
    if hours >= 1:
        return tr("%.0f simulated hours per second") % hours
    return tr("%.0f× real time") % speed


class RunPanel(QWidget):
    dryRunRequested = Signal()
    runRequested = Signal()
    pauseToggled = Signal(bool)
    stopRequested = Signal()
    demoToggled = Signal(bool)
    speedChanged = Signal(float)
    percentToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runPanel")
        self._started = 0.0
        self._fraction = 0.0
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.source = QComboBox()
        for key, text in zip(SOURCES, (tr("Sample contacts (1,000)"), tr("Synthetic contacts"), tr("CSV file"),
                                       tr("Database"))):
            self.source.addItem(text, key)
        self.count = QSpinBox(minimum=1, maximum=10_000_000, value=100_000, singleStep=10_000)
        self.count.setGroupSeparatorShown(True)
        self.path = PathOrUrlEdit(placeholderText=tr("Choose a file…"))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self._path_row = QWidget()
        self._path_row.setLayout(path_row)
        path_row.setContentsMargins(0, 0, 0, 0)
        self.days = QSpinBox(minimum=0, maximum=3650, value=0, specialValueText=tr("blueprint's"))
        self.seed = QSpinBox(minimum=0, maximum=2_000_000_000, value=1)
        self.runs = QSpinBox(minimum=1, maximum=200, value=1)
        form.addRow(tr("Contacts"), self.source)
        form.addRow(tr("How many"), self.count)
        form.addRow(tr("File"), self._path_row)
        form.addRow(tr("Days"), self.days)
        form.addRow(tr("Seed"), self.seed)
        form.addRow(tr("Runs"), self.runs)
        self._form = form
        self.dry_run = QPushButton(tr("▶ Dry-run"))
        self.dry_run.setObjectName("primary")
        self.run = QPushButton(tr("Run on database"))
        self.pause = QPushButton(tr("Pause"), checkable=True)
        self.stop = QPushButton(tr("Stop"))
        buttons = QGridLayout()
        buttons.addWidget(self.dry_run, 0, 0)
        buttons.addWidget(self.run, 0, 1)
        buttons.addWidget(self.pause, 1, 0)
        buttons.addWidget(self.stop, 1, 1)
        self.demo = QCheckBox(tr("Demo mode (sample database, fast clock)"))
        self.speed = QSlider(Qt.Orientation.Horizontal, minimum=0, maximum=100, value=99)
        self.speed_label = QLabel(speed_text(speed_of(self.speed.value())))
        self.percent = QCheckBox(tr("Show percentages on the canvas"))
        self.progress = QProgressBar(minimum=0, maximum=1000, value=0, textVisible=False)
        self.progress_label = QLabel(tr("Ready"))
        self.progress_label.setObjectName("runProgress")
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setObjectName("runWhy")
        self.why.setStyleSheet("color: #b3261e;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.why)
        layout.addSpacing(6)
        layout.addWidget(self.demo)
        layout.addWidget(QLabel(tr("Clock speed")))
        layout.addWidget(self.speed)
        layout.addWidget(self.speed_label)
        layout.addWidget(self.percent)
        layout.addStretch(1)
        self._tick = QTimer(self, interval=250, timeout=self._show_time)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.dry_run.clicked.connect(self.dryRunRequested)
        self.run.clicked.connect(self.runRequested)
        self.pause.toggled.connect(self.pauseToggled)
        self.stop.clicked.connect(self.stopRequested)
        self.demo.toggled.connect(self.demoToggled)
        self.speed.valueChanged.connect(self._speed_moved)
        self.percent.toggled.connect(self.percentToggled)
        self._source_changed()
        self.set_busy(False)

    # --- choices -----------------------------------------------------------------
    def source_key(self) -> str:
        return self.source.currentData()

    def contacts_spec(self) -> str:
        """What a dry-run takes: 'sample', a number or a CSV path."""
        key = self.source_key()
        if key == "synthetic":
            return str(self.count.value())
        if key == "csv":
            return self.path.text().strip()
        return "sample"

    def database(self) -> str:
        """An SQLite file or a postgresql:// URL (with its password, which the field shows as ***)."""
        return self.path.value() if self.source_key() == "database" else ""

    def choose(self, source: str, path_or_count: str | int = "") -> None:
        self.source.setCurrentIndex(SOURCES.index(source))
        if source == "synthetic":
            self.count.setValue(int(path_or_count))
        elif path_or_count:
            self.path.set_value(str(path_or_count))

    def days_value(self) -> int | None:
        return self.days.value() or None

    def clock_speed(self) -> float:
        return speed_of(self.speed.value())

    def _source_changed(self) -> None:
        key = self.source_key()
        self._form.setRowVisible(self.count, key == "synthetic")
        self._form.setRowVisible(self._path_row, key in ("csv", "database"))
        self.path.setPlaceholderText(tr("contacts.csv") if key == "csv" else tr("journey.db or postgresql://user@host/db"))
        label = self._form.labelForField(self._path_row)
        if label is not None:
            label.setText(tr("File or URL") if key == "database" else tr("File"))

    def _browse(self) -> None:
        if self.source_key() == "csv":
            path, _ = QFileDialog.getOpenFileName(self, tr("Contacts"), "", tr("CSV files (*.csv);;All files (*)"))
        else:
            path, _ = QFileDialog.getSaveFileName(self, tr("Database"), "", tr("SQLite databases (*.db);;All files (*)"),
                                                  options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.path.setText(path)

    def _speed_moved(self, value: int) -> None:
        self.speed_label.setText(speed_text(speed_of(value)))
        self.speedChanged.emit(speed_of(value))

    # --- state -------------------------------------------------------------------
    def set_busy(self, busy: bool, what: str = "", timed: bool = True) -> None:
        """``timed``: a dry-run's fraction and time left; else (a run on a database) a moving bar."""
        self.dry_run.setEnabled(not busy)
        self.pause.setEnabled(busy)
        self.stop.setEnabled(busy)
        self.progress.setMaximum(1000 if timed or not busy else 0)
        if not busy:
            self.pause.setChecked(False)
            self._tick.stop()
        else:
            self._started, self._fraction, self._message = time.monotonic(), 0.0, ""
            self.progress.setValue(0)
            self.progress_label.setText(what)
            if timed:
                self._tick.start()

    def set_can_run(self, ok: bool, why: str) -> None:
        """Run needs a journey without errors: disabled, saying why, when it has some."""
        self.run.setEnabled(ok)
        self.run.setToolTip(why or tr("Run the journey for real on the database (sandbox outbox unless configured)"))
        self.why.setText(why)
        self.why.setVisible(bool(why))

    def set_progress(self, fraction: float, message: str) -> None:
        self._fraction = max(0.0, min(1.0, fraction))
        self.progress.setValue(int(self._fraction * 1000))
        self._message = message
        self._show_time()

    def _show_time(self) -> None:
        spent = time.monotonic() - self._started
        text = f"{self._fraction:.0%} · {spent:.1f} s"
        if 0.02 < self._fraction < 1:
            left = spent * (1 - self._fraction) / self._fraction
            text += tr(" · about %s left") % (f"{math.ceil(left)} s")
        message = getattr(self, "_message", "")
        self.progress_label.setText(f"{text}  {message}".strip())

    def show_done(self, text: str) -> None:
        self.progress.setValue(1000)
        self.progress_label.setText(text)
