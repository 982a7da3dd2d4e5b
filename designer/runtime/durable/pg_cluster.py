"""A throw-away PostgreSQL cluster for tests and benchmarks: ``initdb`` in a temporary
folder, ``pg_ctl start`` on a free local port, trust authentication, removed on stop.

The server refuses to run as root, so as root it runs as the ``postgres`` user
(``runuser -u postgres --``) in a folder that user owns. Its data is thrown away,
so it runs without fsync: a test cluster never survives a power cut anyway.

    with TempCluster() as cluster:
        url = cluster.create_database("demo")   # postgresql://postgres@127.0.0.1:PORT/demo
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SEARCH_DIRS = ["/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]


class ClusterError(RuntimeError):
    pass


def find_binary(name: str) -> str | None:
    """``initdb``, ``pg_ctl`` ...: on PATH, else in /usr/local/bin or Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which(name)
    if found:
        return found
    for folder in SEARCH_DIRS:
        path = Path(folder) / name
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    return None


def available() -> str | None:
    """None when a cluster can be started here, else why not (one line)."""
    missing = [n for n in ("initdb", "pg_ctl", "postgres") if find_binary(n) is None]
    if missing:
        return (f"no PostgreSQL server binaries ({', '.join(missing)}) in PATH, /usr/local/bin or "
                "/usr/lib/postgresql/*/bin (install Debian's 'postgresql' package)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without 'runuser' to start PostgreSQL as the postgres user"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempCluster:
    def __init__(self, settings: dict[str, str] | None = None) -> None:
        self.folder: Path | None = None
        self.port = 0
        self.settings = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                         "max_connections": "200", **(settings or {})}

    def __enter__(self) -> TempCluster:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = list(args)
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.folder, check=False)
        if result.returncode:
            raise ClusterError(f"{' '.join(args[:2])} failed: {(result.stderr or result.stdout).strip()[-600:]}")
        return result

    def start(self) -> None:
        why = available()
        if why:
            raise ClusterError(why)
        self.folder = Path(tempfile.mkdtemp(prefix="journey-pg-"))
        if os.geteuid() == 0:
            import pwd

            user = pwd.getpwnam("postgres")
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        os.chmod(self.folder, 0o700)
        data = self.folder / "data"
        self._run(find_binary("initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        self.port = free_port()
        options = " ".join([f"-p {self.port}", "-c listen_addresses=127.0.0.1",
                            f"-c unix_socket_directories={self.folder}",
                            *(f"-c {k}={v}" for k, v in self.settings.items())])
        self._run(find_binary("pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"), "-o", options,
                  "-w", "-t", "60", "start")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.folder is None:
            return
        try:
            if (self.folder / "data" / "postmaster.pid").exists():
                self._run(find_binary("pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
