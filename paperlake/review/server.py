"""A local Label Studio for curators: its own virtual environment, a generated token, a server on 127.0.0.1.

Label Studio pins packages the pipeline must not be held back by (pyarrow, numpy, Django, ...), so it
lives in a virtual environment of its own, created on first use (about 2 minutes, 1 GB). Its data (a
SQLite database) stays in DIR/label-studio/. The API token and the admin login are generated once and
kept in DIR/label_studio_token and DIR/label_studio_login, both mode 0600.

A new database runs about 230 migrations (1-2 minutes). They run once per machine and Label Studio version,
into a database with no user in it (`template_database`); each new data dir's server starts from a copy
and creates its own login, in seconds.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LABEL_STUDIO_VERSION = "1.23.2"
"""The Label Studio release paperlake is tested with. It ships label-studio-sdk 2.1.2, the SDK pyproject.toml
bounds the client to (>=2.1.2,<2.2); tests/test_versions.py checks that the two agree."""
CACHE_DIR = Path("~/.cache/paperlake").expanduser()
DEFAULT_VENV = CACHE_DIR / "label-studio-venv"
DATABASE_FILE = "label_studio.sqlite3"
TOKEN_FILE, LOGIN_FILE, URL_FILE, SERVER_DIR = "label_studio_token", "label_studio_login", "label_studio_url", \
    "label-studio"
ADMIN = "admin@paperlake.local"
_SCRUBBED = ("USERNAME", "PASSWORD", "PORT", "HOST", "DEBUG", "DJANGO_DB", "SENTRY_DSN", "DATABASE_URL")


class ServerError(RuntimeError):
    """Label Studio could not be installed or started."""


@dataclass(frozen=True)
class Login:
    email: str
    password: str
    token: str


def ensure_venv(venv: Path = DEFAULT_VENV, quiet: bool = True) -> Path:
    """The label-studio executable in `venv`, creating the environment and installing it when missing."""
    exe = venv / "bin" / "label-studio"
    if exe.exists():
        return exe
    print(f"installing Label Studio {LABEL_STUDIO_VERSION} into {venv} (first use, about 2 minutes)...",
          file=sys.stderr)
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check"]
    result = subprocess.run(pip + (["--quiet"] if quiet else []) + [f"label-studio=={LABEL_STUDIO_VERSION}"])
    if result.returncode != 0 or not exe.exists():
        raise ServerError(f"installing label-studio into {venv} failed (pip exit code {result.returncode})")
    return exe


def ensure_login(data_dir: Path) -> Login:
    """The admin login and API token of a data dir's local server, generated on first use (files 0600)."""
    token_file, login_file = data_dir / TOKEN_FILE, data_dir / LOGIN_FILE
    if not token_file.exists():
        _write_secret(token_file, secrets.token_hex(20))
    if not login_file.exists():
        _write_secret(login_file, f"{ADMIN}\n{secrets.token_urlsafe(12)}")
    for path in (token_file, login_file):
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    email, password = login_file.read_text(encoding="utf-8").split("\n")[:2]
    return Login(email.strip(), password.strip(), token_file.read_text(encoding="utf-8").strip())


def _write_secret(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:port (connections in TIME_WAIT do not count)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _server_env(server_dir: Path) -> dict[str, str]:
    """Label Studio's environment with nothing inherited that would change it (host, port, database, a login)."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED and not k.startswith("LABEL_STUDIO_")}
    return env | {"LABEL_STUDIO_BASE_DATA_DIR": str(server_dir), "DJANGO_DB": "sqlite", "SENTRY_DSN": "",
                  "FRONTEND_SENTRY_DSN": "", "LABEL_STUDIO_LATEST_VERSION_CHECK": "false",
                  "LABEL_STUDIO_COLLECT_ANALYTICS": "false", "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true"}


def server_command(exe: Path, server_dir: Path, port: int, login: Login) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start Label Studio. The login and token travel in the
    environment (LABEL_STUDIO_USERNAME/PASSWORD/USER_TOKEN), never on the command line, which `ps` shows
    to every user of the machine."""
    env = _server_env(server_dir) | {"LABEL_STUDIO_USERNAME": login.email, "LABEL_STUDIO_PASSWORD": login.password,
                                     "LABEL_STUDIO_USER_TOKEN": login.token}
    command = [str(exe), "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
               "--data-dir", str(server_dir), "--enable-legacy-api-token"]
    return command, env


def template_database(exe: Path, cache: Path = CACHE_DIR, timeout: float = 900.0) -> Path:
    """A migrated Label Studio database with no user, made once per machine and Label Studio version:
    `label-studio version` migrates a scratch data dir and creates no login. Made aside, moved into place
    whole, so a crash or a second process making it at the same moment leaves no half-made template."""
    target = cache / f"label-studio-{LABEL_STUDIO_VERSION}-empty.sqlite3"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".label-studio-template-") as scratch:
        try:
            done = subprocess.run([str(exe), "version", "--data-dir", scratch], env=_server_env(Path(scratch)),
                                  stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired as exc:
            raise ServerError(f"setting up Label Studio's database took over {timeout:.0f} s") from exc
        made = Path(scratch) / DATABASE_FILE
        if done.returncode != 0 or not made.is_file():
            raise ServerError(f"setting up Label Studio's database failed (exit code {done.returncode}): "
                              f"{done.stderr[-1000:]}")
        os.replace(made, target)
    return target


def seed_database(exe: Path, server_dir: Path, cache: Path = CACHE_DIR) -> bool:
    """Give a server dir with no database a copy of the migrated template; False when it has one already."""
    database = server_dir / DATABASE_FILE
    if database.exists():
        return False
    server_dir.mkdir(parents=True, exist_ok=True)
    partial = database.with_name(DATABASE_FILE + ".partial")
    shutil.copyfile(template_database(exe, cache), partial)
    os.replace(partial, database)
    return True


def start(exe: Path, server_dir: Path, port: int, login: Login, log_file: Path | None = None) -> subprocess.Popen:
    """Start Label Studio on 127.0.0.1:port with its data in server_dir; returns the process (not yet ready).
    A server dir with no database gets a copy of the migrated template first (made on first use, 1-2 min)."""
    if not port_is_free(port):
        raise ServerError(f"port {port} on 127.0.0.1 is busy (Label Studio would silently move to another one)")
    seed_database(exe, server_dir)
    command, env = server_command(exe, server_dir, port, login)
    log = open(log_file or server_dir / "server.log", "ab")
    try:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    finally:
        log.close()


def wait_ready(process: subprocess.Popen, port: int, timeout: float = 300.0) -> str:
    """Wait until Label Studio answers on the port asked for; returns its URL."""
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"Label Studio exited with code {process.returncode} before answering on {url}")
        try:
            with urllib.request.urlopen(f"{url}/api/version", timeout=5) as response:
                if response.status == 200 and b"label-studio" in response.read():
                    return url
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1.0)
    raise ServerError(f"Label Studio did not answer on {url} within {timeout:.0f} s")


def stop(process: subprocess.Popen, timeout: float = 20.0) -> None:
    """Stop a server started by `start` (SIGTERM to its process group, SIGKILL if it lingers)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout)
    except ProcessLookupError:
        pass
