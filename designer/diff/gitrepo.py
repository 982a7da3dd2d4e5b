"""git, for blueprint files: registering the diff and merge drivers, and reading
a file's history (for the window's "compare with a commit").

Everything runs the ``git`` program (it is on every machine that has a
repository); a missing git or a path outside a repository is a
:class:`GitError` with a clear message.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from designer.i18n import Message

from .outline import XFUNCNAME

DRIVER = "journey"
ATTRIBUTES_LINE = "{pattern} diff=journey merge=journey"


class GitError(Exception):
    pass


def git(args: list[str], cwd: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    except FileNotFoundError:
        raise GitError(Message("git.missing")) from None
    except subprocess.TimeoutExpired:
        raise GitError(Message("git.timeout", {"command": args[0]})) from None
    if check and done.returncode != 0:
        raise GitError((done.stderr.strip().splitlines() or [f"git {args[0]} failed"])[-1])
    return done


def repo_root(path: str | Path) -> Path | None:
    """The top of the repository holding ``path`` (a file or folder), or None."""
    path = Path(path).resolve()
    folder = path if path.is_dir() else path.parent
    try:
        done = git(["rev-parse", "--show-toplevel"], folder, check=False)
    except GitError:
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def default_command() -> str:
    """How git should start this program: this very Python with ``-P`` (so a
    ``designer`` folder in the repository being merged is never imported instead)."""
    return f"{shlex.quote(sys.executable)} -P -m designer.cli"


@dataclass(frozen=True)
class Setup:
    root: Path
    attributes_added: bool
    config: dict[str, str]


def setup(root: Path, pattern: str = "*.json", command: str | None = None) -> Setup:
    """Register the drivers in the repository's config and ``.gitattributes`` (idempotent)."""
    command = command or default_command()
    config = {
        f"diff.{DRIVER}.textconv": f"{command} outline --textconv",
        f"diff.{DRIVER}.xfuncname": XFUNCNAME,
        f"merge.{DRIVER}.name": "Journey Designer blueprint merge (journey merge)",
        f"merge.{DRIVER}.driver": f"{command} merge %O %A %B -o %A --git-driver %P",
    }
    for key, value in config.items():
        git(["config", "--local", key, value], root)
    attributes = root / ".gitattributes"
    line = ATTRIBUTES_LINE.format(pattern=pattern)
    text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    added = line not in text.splitlines()
    if added:
        from designer.fileformat import atomic_write_text

        atomic_write_text(attributes, text + ("" if text.endswith("\n") or not text else "\n") + line + "\n")
    return Setup(root, added, config)


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str
    author: str
    subject: str


def file_history(path: str | Path, limit: int = 200) -> list[Commit]:
    """Commits that changed ``path``, newest first (following renames)."""
    path = Path(path).resolve()
    done = git(["log", f"-n{limit}", "--follow", "--format=%H%x1f%ad%x1f%an%x1f%s", "--date=short", "--",
                path.name], path.parent)
    return [Commit(*line.split("\x1f", 3)) for line in done.stdout.splitlines() if line.count("\x1f") == 3]


def file_at(path: str | Path, commit: str) -> str:
    """The text of ``path`` as it was at ``commit``."""
    path = Path(path).resolve()
    root = repo_root(path)
    if root is None:
        raise GitError(Message("git.not-in-repo", {"path": str(path)}))
    relative = path.relative_to(root).as_posix()
    return git(["show", f"{commit}:{relative}"], root).stdout
