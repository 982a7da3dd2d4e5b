"""Start the designer: ``python main.py [FILE]`` or ``python main.py --screenshot OUT.png FILE``.

Without a file the window opens on the built-in sample blueprint (unsaved).
``--screenshot`` opens the file, fits it to the view, saves a picture of the
whole window and exits (for docs and checks; works under offscreen Qt);
``--show queue`` or ``--show overview`` opens on that page instead of the canvas;
``--show run --contacts N`` dry-runs the file on N contacts (or ``sample``) first
and shows the counts on the canvas and the results dashboard.
The Qt event loop runs under qasync so asyncio work (runs, dry-runs) can
share it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# The window uses no pydantic plugins; looking for them reads every installed package's
# entry points (about 15 ms of start-up). An explicit setting of the variable still wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# The core (blueprint models, node kinds, file reader) loads before Qt: PySide6 then checks
# every module imported after it for its name in the module's source, about 15 ms of start-up.
import designer.fileformat  # noqa: F401

# isort: split

from PySide6.QtCore import QCoreApplication, QTimer, qInstallMessageHandler
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

APP_NAME = "Journey Designer"


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="Open the Journey Designer window.")
    parser.add_argument("file", nargs="?", help="a blueprint file to open")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a screenshot of the window and exit")
    parser.add_argument("--size", default="1440x900", help="window size for --screenshot (default 1440x900)")
    parser.add_argument("--show", choices=("canvas", "queue", "overview", "run"), default="canvas",
                        help="the page to open on: the canvas (default), the build queue, the blueprint overview, "
                             "or the canvas after a dry-run (run)")
    parser.add_argument("--lang", choices=("en", "zh"),
                        help="language of the window (default: the one chosen in View > Language, else the system's)")
    parser.add_argument("--contacts", default="sample",
                        help="with --show run: 'sample' (default) or a number of synthetic contacts")
    return parser.parse_args(argv)


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    if app.property("journeyDesignerReady"):
        return app  # styled once: restyling re-polishes every widget that exists
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("JourneyDesigner")
    from .style import apply_light_theme

    apply_light_theme(app)
    QPixmapCache.setCacheLimit(64 * 1024)  # node cards are cached as pixmaps
    if app.platformName() == "offscreen":
        # Qt's offscreen clipboard crashes at exit if it still holds data set from Python.
        clipboard = app.clipboard()
        app.aboutToQuit.connect(lambda: clipboard.clear())
        qInstallMessageHandler(_quiet_offscreen)
    app.setProperty("journeyDesignerReady", True)
    return app


def _quiet_offscreen(kind, context, message: str) -> None:
    """Offscreen Qt warns about every top-level window it cannot size; other messages pass on."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def open_window(file: str | None, blueprint=None):
    """The window on ``file``; ``blueprint`` is that file already read (headless runs
    read it first so a bad file is an exit status, not a dialog)."""
    from .window.main_window import MainWindow

    if file is None:
        return MainWindow(untitled_name=tr("Sample blueprint"))
    if blueprint is None:
        blueprint = _read(file)
    if blueprint is not None:  # the window is built once, on the file (not on the sample, then again)
        window = MainWindow(blueprint, Path(file).resolve())
        window.files.add_recent(Path(file))
        return window
    window = MainWindow()  # a file it cannot read: the window says why, as File > Open does
    window.files.untitled_name = tr("Untitled")
    if not window.files.open_path(file, ask=False):
        from .files.controller import new_blueprint

        window.files._show(new_blueprint(), None)
    return window


def _read(file: str):
    """The blueprint in ``file``, or None when it cannot be read (the window then reports why)."""
    from designer.fileformat import load

    try:
        return load(file)
    except Exception:  # noqa: BLE001 - any failure: File > Open's path reports it
        return None


def screenshot(window, out: str, size: str, page: str = "canvas", contacts: str = "sample") -> int:
    import gc

    gc.enable()  # main.py turns the collector off for start-up; a dry-run here makes garbage
    w, _, h = size.partition("x")
    window.resize(int(w), int(h))
    window.show()
    window.pages.show("canvas" if page == "run" else page)
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
    window.validation.run_now()  # a large file is checked on a worker: the picture shows its result
    app.processEvents()
    failed = page == "run" and not window.run.show_dry_run(contacts)
    if failed:
        print(f"main.py: the dry-run did not finish: {window.run.panel.progress_label.text()}", file=sys.stderr)
    window.view.fit_all()
    window.minimap.render_scene()
    app.processEvents()
    ok = window.grab().save(out)
    window.run.shutdown()
    window.files.closing()
    if not ok:
        print(f"cannot write {out}", file=sys.stderr)
        return 2
    print(out)
    return 1 if failed else 0


def settle() -> None:
    """Freeze what start-up allocated (modules, the window): the collector's full passes then scan only
    newer objects. Without it a full collection, set off by a large result arriving, stalled the UI
    thread for about a second (benchmarks/run_responsiveness.py)."""
    import gc

    gc.collect()
    gc.freeze()
    gc.enable()  # main.py turns the collector off for start-up


def run_loop(app: QApplication) -> int:
    import asyncio  # with qasync: after the window is built, not before

    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    app.lastWindowClosed.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    return 0


def _no_display() -> bool:
    """Linux without X or Wayland: Qt would abort with a message about plugins."""
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if _no_display():
        if not args.screenshot:
            print("main.py: no display to open the window on (DISPLAY is not set); run it under "
                  "xvfb-run, or save a picture with --screenshot OUT.png", file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    if args.file and not args.screenshot and not Path(args.file).exists():
        print(f"main.py: no such file: {args.file}", file=sys.stderr)
        return 2
    blueprint = None
    if args.screenshot and args.file:  # headless: no person to answer a dialog
        from designer.fileformat import FileFormatError, load

        try:
            blueprint = load(args.file)
        except FileFormatError as err:
            print(f"main.py: {' '.join(err.describe().split())}", file=sys.stderr)
            return 2
    app = make_app()
    from .language import install, startup_language

    install(startup_language(args.lang))
    window = open_window(args.file, blueprint)
    if args.screenshot:
        return screenshot(window, args.screenshot, args.size, args.show, args.contacts)
    window.show()
    window.pages.show("canvas" if args.show == "run" else args.show)
    if args.show == "run":
        QTimer.singleShot(300, lambda: window.run.start_dry_run(args.contacts))
    QTimer.singleShot(0, window.view.fit_all)
    QTimer.singleShot(200, window.files.offer_recovery)
    app.processEvents()  # the first paint, before the event loop's modules (asyncio, qasync) load
    settle()
    return run_loop(app)
