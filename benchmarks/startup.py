"""Start-up speed, as a user feels it: whole processes, from launch to result.

    python benchmarks/startup.py [--repeat R] [--skip TEXT] [--baseline OTHER_CHECKOUT]

Rows (targets in brackets):
- ``python main.py FILE`` to the window's first canvas paint, for a small file
  (the example of ``journey new``) [<= 0.4 s], the canvas benchmark's 1,000- and
  5,000-step workflows [<= 0.6 s, <= 1.5 s] and a chain of 10,000 emails;
- ``python -m designer.cli validate FILE`` for the small file [<= 0.3 s] and the
  10,000-email chain;
- ``python -c pass``, the floor every process pays.

The window runs under offscreen Qt. A probe (this file, run as a child process
with ``--probe``) starts the app exactly as ``main.py`` does and exits at the
first paint of the canvas: the time is launch (in the parent) to that paint.
Each figure is the median of R fresh processes, with the CPU time the whole
process used (user + system; the window's CPU runs to exit, a little past the
paint). ``uptime``'s load is printed beside them: other work on a shared
machine slows the wall times, the CPU times much less.

Bytecode: an installed app has its modules compiled (pip does it), a fresh
checkout compiles them on its first run, and a shell with
PYTHONDONTWRITEBYTECODE set compiles them in every process (about 0.13 s of
the window's start-up). So each row starts with one unmeasured process that
writes the bytecode to a temporary folder (PYTHONPYCACHEPREFIX), and the
measured ones read it, as an installed app does; ``--no-bytecode`` measures
the old way (whatever the environment says).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def probe(file: str) -> None:
    """Child process: run main.py's window path, print the wall time of the first canvas paint, quit."""
    sys.path.insert(0, str(ROOT))
    import main as entry
    from designer.app import launch

    real_open, real_loop = launch.open_window, launch.run_loop
    painted: list[float] = []

    def open_window(*args, **kwargs):
        from PySide6.QtCore import QEvent, QObject

        window = real_open(*args, **kwargs)
        target = window.view.viewport()

        class FirstPaint(QObject):
            def eventFilter(self, obj, event) -> bool:
                if obj is target and event.type() == QEvent.Type.Paint and not painted:
                    painted.append(time.time())
                return False

        window._first_paint = FirstPaint()
        launch.QApplication.instance().installEventFilter(window._first_paint)
        return window

    def run_loop(app) -> int:
        from PySide6.QtCore import QTimer

        window = next(w for w in app.topLevelWidgets() if w.objectName() == "MainWindow")
        quit_when_painted = QTimer(app, interval=1)
        quit_when_painted.timeout.connect(lambda: painted and app.quit())
        quit_when_painted.start()
        status = real_loop(app)  # as main.py runs it (with asyncio and qasync), quit once painted
        print(f"{painted[0]:.6f}" if painted else "nan")
        import shiboken6

        if shiboken6.isValid(window):  # quitting may have closed (and deleted) it already
            window.files.closing()
        return status

    launch.open_window = open_window
    launch.run_loop = run_loop
    entry.main([file])


BYTECODE: dict[str, str] = {}  # PYTHONPYCACHEPREFIX for the children: set in main()


def timed(args: list[str], paint: bool, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds to the result, and the CPU seconds the whole process used (less sensitive to load)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **BYTECODE)
    if BYTECODE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.time()
    out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, check=False)
    end = time.time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if paint:
        line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "nan"
        if line == "nan":
            raise SystemExit(f"no paint: {out.stderr[-2000:]}")
        return float(line) - start, cpu
    return end - start, cpu


def files(folder: Path) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from canvas_common import wrapped_blueprint
    from validate_10k import email_chain

    from designer.blueprint import Blueprint
    from designer.examples import example_blueprint
    from designer.fileformat import save

    out = {"small": folder / "small.json", "1,000 steps": folder / "k1.json", "5,000 steps": folder / "k5.json",
           "10,000-email chain": folder / "chain.json"}
    save(example_blueprint(), out["small"])
    save(wrapped_blueprint(1000), out["1,000 steps"])
    save(wrapped_blueprint(5000), out["5,000 steps"])
    save(Blueprint(name="Chain", workflows=[email_chain(10_000)]), out["10,000-email chain"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip", action="append", default=[], metavar="TEXT",
                        help="leave out the rows whose label contains TEXT (e.g. --skip chain)")
    parser.add_argument("--no-bytecode", action="store_true",
                        help="compile every module from source in every process (PYTHONDONTWRITEBYTECODE as set); "
                             "by default the children keep compiled bytecode in a temporary folder, as an "
                             "installed app has it, and each row starts with one unmeasured process")
    parser.add_argument("--baseline", type=Path, metavar="CHECKOUT",
                        help="another checkout (e.g. `git archive main | tar -x -C /tmp/base`) measured side by side: "
                             "its processes alternate with this checkout's, on the same files")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe(args.probe)
        return
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        paths = files(Path(tmp))
        rows = [("python -c pass", lambda _root: [py, "-c", "pass"], False, None)]
        targets = {"small": 0.4, "1,000 steps": 0.6, "5,000 steps": 1.5}
        for name, path in paths.items():
            rows.append((f"window, {name}", lambda root, path=path: [py, str(root / "benchmarks" / "startup.py"),
                                                                     "--probe", str(path)], True, targets.get(name)))
        for name, target in (("small", 0.3), ("10,000-email chain", None)):
            rows.append((f"journey validate, {name}", lambda _root, name=name: [py, "-m", "designer.cli", "validate",
                                                                                str(paths[name])], False, target))
        checkouts = {"": ROOT}
        if args.baseline:  # "now" and "before", alternating process by process
            checkouts = {"now": ROOT, "before": args.baseline.resolve()}
        if not args.no_bytecode:  # pip compiles an installed app's modules; a checkout compiles them on first run
            BYTECODE["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "bytecode")
        print(f"load before: {os.getloadavg()[0]:.2f} (1-minute average); median of {args.repeat} processes; "
              f"bytecode {'compiled each time' if args.no_bytecode else 'cached (one unmeasured process first)'}")
        for label, command, paint, target in rows:
            if any(text in label for text in args.skip):
                continue
            runs: dict[str, list[tuple[float, float]]] = {name: [] for name in checkouts}
            if not args.no_bytecode:
                for root in checkouts.values():
                    timed(command(root), paint, root)  # writes the bytecode
            for _ in range(args.repeat):
                for name, root in checkouts.items():
                    runs[name].append(timed(command(root), paint, root))
            bar = f"(target <= {target:.1f} s)" if target else ""
            for name, measured in runs.items():
                times, cpus = [w for w, _ in measured], [c for _, c in measured]
                print(f"  {label + (f' ({name})' if name else ''):<45} median {statistics.median(times):.3f} s, "
                      f"best {min(times):.3f} s; CPU {statistics.median(cpus):.3f} s {bar}")
        print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
