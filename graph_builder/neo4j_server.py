"""A local Neo4j Community server built from Maven Central jars, run without Docker.

Layout under `settings.graph_builder_home / f"neo4j-{version}"`:
`pom.xml`, `lib/` (jars), `conf/neo4j.conf`, `data/`, `logs/`, `run/neo4j.pid`.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graph_builder import browser_setup
from graph_builder.errors import ServerError
from graph_builder.settings import Settings

BROWSER_VERSION = "5.24.0"  # the Neo4j Browser release bundled with Neo4j 5.26
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
MIN_JAVA = 17
MIN_PASSWORD_LENGTH = 8  # Neo4j's dbms.security.auth_minimum_password_length

# The JVM options of the stock neo4j.conf of Neo4j 5 (the launcher script would
# pass them; we start the JVM ourselves, so we pass them too).
JVM_FLAGS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-XX:FlightRecorderOptions=stackdepth=256",
    "-XX:+UnlockDiagnosticVMOptions",
    "-XX:+DebugNonSafepoints",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)

Echo = Callable[[str], None]

INSTALL_HINT = (
    "install OpenJDK 17 and Maven (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless "
    "maven), or run Neo4j with Docker instead: `docker compose up -d neo4j`"
)


@dataclass(frozen=True)
class ServerPaths:
    """Where one local Neo4j installation keeps its files."""

    home: Path

    @property
    def lib(self) -> Path:
        return self.home / "lib"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def auth_file(self) -> Path:
        return self.data / "dbms" / "auth.ini"

    @property
    def complete_marker(self) -> Path:
        return self.lib / ".complete"


@dataclass(frozen=True)
class ServerStatus:
    """What `neo4j status` reports."""

    running: bool
    pid: int | None
    bolt_port: int
    http_port: int
    home: Path
    provisioned: bool


def server_paths(settings: Settings) -> ServerPaths:
    """The installation folder for the configured Neo4j version."""
    return ServerPaths(Path(settings.graph_builder_home) / f"neo4j-{settings.neo4j_version}")


def bolt_uri(settings: Settings) -> str:
    """The Bolt URI of the local server."""
    return f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"


def browser_url(settings: Settings) -> str:
    """Where Neo4j Browser is served."""
    return f"http://127.0.0.1:{settings.neo4j_http_port}/browser/"


# --- tools -------------------------------------------------------------------------


def find_java() -> str:
    """Path of a Java >= 17 executable (JAVA_HOME first, then PATH)."""
    java_home = os.environ.get("JAVA_HOME")
    candidates = [str(Path(java_home) / "bin" / "java")] if java_home else []
    on_path = shutil.which("java")
    if on_path:
        candidates.append(on_path)
    for java in candidates:
        if not Path(java).is_file():
            continue
        version = java_major_version(java)
        if version is not None and version >= MIN_JAVA:
            return java
        raise ServerError(
            f"Java {MIN_JAVA} or newer is needed to run Neo4j, found Java {version} at {java}: "
            + INSTALL_HINT
        )
    raise ServerError("Java was not found (Neo4j needs Java 17): " + INSTALL_HINT)


def java_major_version(java: str) -> int | None:
    """The major version `java -version` reports, or None when it cannot be read."""
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return parse_java_version(out.stderr + out.stdout)


def parse_java_version(text: str) -> int | None:
    """Major version from `java -version` output (`"17.0.15"` -> 17, `"1.8.0"` -> 8)."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not match:
        return None
    major = int(match.group(1))
    if major == 1 and match.group(2):
        return int(match.group(2))
    return major


def find_maven() -> str:
    """Path of `mvn`, needed once to fetch the Neo4j jars."""
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError(
            "Maven (mvn) was not found; it is needed once to download Neo4j from Maven "
            "Central: " + INSTALL_HINT
        )
    return mvn


# --- provisioning ------------------------------------------------------------------


def render_pom(neo4j_version: str, browser_version: str = BROWSER_VERSION) -> str:
    """The pom.xml that resolves the server jars."""
    template = resources.files("graph_builder").joinpath("data/neo4j/pom.xml").read_text("utf-8")
    return template.replace("@NEO4J_VERSION@", neo4j_version).replace(
        "@BROWSER_VERSION@", browser_version
    )


def provision(settings: Settings, echo: Echo) -> ServerPaths:
    """Download the jars into `lib/` unless already done; idempotent."""
    paths = server_paths(settings)
    if paths.complete_marker.exists():
        return paths
    mvn = find_maven()
    paths.home.mkdir(mode=0o700, parents=True, exist_ok=True)
    pom = paths.home / "pom.xml"
    pom.write_text(render_pom(settings.neo4j_version), encoding="utf-8")
    staging = paths.home / "lib.partial"
    shutil.rmtree(staging, ignore_errors=True)
    echo(
        f"Downloading Neo4j Community {settings.neo4j_version} from Maven Central "
        f"into {paths.lib} (once; about 140 MB)..."
    )
    cmd = [
        mvn, "-B", "-q", "-f", str(pom), "dependency:copy-dependencies",
        f"-DoutputDirectory={staging}", "-DincludeScope=runtime",
    ]
    log = paths.home / "mvn.log"
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, check=False)
    if result.returncode != 0 or not any(staging.glob("neo4j-*.jar")):
        raise ServerError(
            f"Maven could not download Neo4j {settings.neo4j_version} (exit "
            f"{result.returncode}); see {log}"
        )
    shutil.rmtree(paths.lib, ignore_errors=True)
    staging.rename(paths.lib)
    paths.complete_marker.write_text(settings.neo4j_version + "\n", encoding="utf-8")
    return paths


def render_conf(settings: Settings, paths: ServerPaths) -> str:
    """The neo4j.conf for a loopback-only server sized for a small machine."""
    bolt, http = settings.neo4j_bolt_port, settings.neo4j_http_port
    lines = [
        "# Written by `graph-builder neo4j start`; rewritten at every start.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        "server.bolt.enabled=true",
        f"server.bolt.listen_address=127.0.0.1:{bolt}",
        f"server.bolt.advertised_address=127.0.0.1:{bolt}",
        "server.http.enabled=true",
        f"server.http.listen_address=127.0.0.1:{http}",
        f"server.http.advertised_address=127.0.0.1:{http}",
        "server.https.enabled=false",
        f"server.memory.heap.initial_size={settings.neo4j_heap}",
        f"server.memory.heap.max_size={settings.neo4j_heap}",
        f"server.memory.pagecache.size={settings.neo4j_pagecache}",
        f"server.directories.data={paths.data}",
        f"server.directories.logs={paths.logs}",
        f"server.directories.run={paths.pid_file.parent}",
        f"server.directories.lib={paths.lib}",
        f"server.directories.plugins={paths.home / 'plugins'}",
        f"server.directories.import={paths.home / 'import'}",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        "db.tx_log.rotation.retention_policy=2 files",
        *browser_setup.conf_lines(settings),  # Browser styled, saved queries offered
        *(f"server.jvm.additional={flag}" for flag in JVM_FLAGS),
    ]
    return "\n".join(lines) + "\n"


def write_conf(settings: Settings, paths: ServerPaths) -> Path:
    """Write `conf/neo4j.conf` and create the folders it names (owner-only)."""
    for folder in (paths.conf_dir, paths.data, paths.logs, paths.pid_file.parent,
                   paths.home / "plugins", paths.home / "import"):
        folder.mkdir(parents=True, exist_ok=True)
    restrict(settings, paths)
    paths.conf_file.write_text(render_conf(settings, paths), encoding="utf-8")
    return paths.conf_file


def restrict(settings: Settings, paths: ServerPaths) -> None:
    """Make the home, the installation, the data, the logs and the stored auth
    owner-only (also for installations made before this was done)."""
    for folder in (Path(settings.graph_builder_home), paths.home, paths.data, paths.logs):
        if folder.is_dir():
            folder.chmod(0o700)
    if paths.auth_file.exists():
        paths.auth_file.chmod(0o600)


def _java_env(paths: ServerPaths) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(paths.home)
    env["NEO4J_CONF"] = str(paths.conf_dir)
    return env


def _classpath(paths: ServerPaths) -> str:
    return f"{paths.home / 'plugins'}/*:{paths.conf_dir}/*:{paths.lib}/*"


def set_initial_password(java: str, paths: ServerPaths, password: str) -> None:
    """Set the `neo4j` user's password before the first start (no-op afterwards)."""
    if paths.auth_file.exists():
        return
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ServerError(
            f"NEO4J_PASSWORD must have at least {MIN_PASSWORD_LENGTH} characters "
            "(Neo4j's minimum)"
        )
    cmd = [java, "-cp", _classpath(paths), ADMIN_TOOL, "dbms", "set-initial-password", password]
    result = subprocess.run(
        cmd, env=_java_env(paths), capture_output=True, text=True, timeout=300, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise ServerError(
            "could not set the initial Neo4j password: " + (detail[-1] if detail else "unknown")
        )


# --- processes ---------------------------------------------------------------------


def read_pid(paths: ServerPaths) -> int | None:
    """The pid of our running server, or None (a stale pid file is removed)."""
    try:
        pid = int(paths.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    if _is_our_server(pid, paths):
        return pid
    paths.pid_file.unlink(missing_ok=True)
    return None


def _is_our_server(pid: int, paths: ServerPaths) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    args = [a.decode(errors="replace") for a in cmdline]
    return ENTRY_POINT in args and f"--home-dir={paths.home}" in args


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """True when something accepts connections on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def status(settings: Settings) -> ServerStatus:
    """Whether our server runs, with its pid and ports."""
    paths = server_paths(settings)
    pid = read_pid(paths)
    return ServerStatus(
        running=pid is not None,
        pid=pid,
        bolt_port=settings.neo4j_bolt_port,
        http_port=settings.neo4j_http_port,
        home=paths.home,
        provisioned=paths.complete_marker.exists(),
    )


def start(settings: Settings, echo: Echo, timeout: float = 180.0) -> bool:
    """Provision, configure and start the server, then wait until Bolt answers.

    Returns False when it was already running (nothing done), True when started.
    """
    paths = server_paths(settings)
    pid = read_pid(paths)
    if pid is not None:
        wait_for_bolt(settings, paths, pid, timeout)
        return False
    for name, port in (("Bolt", settings.neo4j_bolt_port), ("HTTP", settings.neo4j_http_port)):
        if port_in_use(port):
            var = "NEO4J_BOLT_PORT" if name == "Bolt" else "NEO4J_HTTP_PORT"
            raise ServerError(
                f"port {port} ({name}) is already in use by another process; stop it or "
                f"choose another port with {var}"
            )
    java = find_java()
    provision(settings, echo)
    write_conf(settings, paths)
    password = settings.password(create=True)
    if not password:
        raise ServerError(
            f"no Neo4j password: set NEO4J_PASSWORD or check {settings.password_file}"
        )
    set_initial_password(java, paths, password)
    restrict(settings, paths)
    cmd = [
        java,
        f"-Xms{settings.neo4j_heap}",
        f"-Xmx{settings.neo4j_heap}",
        *JVM_FLAGS,
        "-cp",
        _classpath(paths),
        ENTRY_POINT,
        f"--home-dir={paths.home}",
        f"--config-dir={paths.conf_dir}",
    ]
    echo(f"Starting Neo4j {settings.neo4j_version} (log: {paths.console_log})...")
    with paths.console_log.open("ab") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=paths.home,
            env=_java_env(paths),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    paths.pid_file.write_text(f"{proc.pid}\n", encoding="utf-8")
    try:
        wait_for_bolt(settings, paths, proc.pid, timeout)
    except ServerError:
        if proc.poll() is None:
            _terminate(proc.pid, 30.0)
        paths.pid_file.unlink(missing_ok=True)
        raise
    return True


def wait_for_bolt(settings: Settings, paths: ServerPaths, pid: int, timeout: float) -> None:
    """Block until Bolt accepts our credentials, the process dies, or time runs out."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

    password = settings.password() or ""
    deadline = time.monotonic() + timeout
    while True:
        if not _alive(pid):
            raise ServerError(
                f"Neo4j exited during start-up; see {paths.console_log} and "
                f"{paths.logs / 'debug.log'}"
            )
        try:
            with GraphDatabase.driver(
                bolt_uri(settings),
                auth=(settings.neo4j_user, password),
                connection_timeout=2.0,
            ) as driver:
                driver.verify_connectivity()
            return
        except AuthError as exc:
            raise ServerError(
                f"Neo4j is up but rejected the password ({exc.message}); the database in "
                f"{paths.data} was created with another password: set NEO4J_PASSWORD to it, "
                f"or stop Neo4j and delete {paths.data} to start afresh"
            ) from None
        except (ServiceUnavailable, Neo4jError, OSError):
            pass
        if time.monotonic() > deadline:
            raise ServerError(
                f"Neo4j did not answer on {bolt_uri(settings)} within {timeout:.0f} s; "
                f"see {paths.console_log}"
            )
        time.sleep(0.5)


def stop(settings: Settings, timeout: float = 60.0) -> int | None:
    """Stop our server (SIGTERM, then SIGKILL after `timeout`). Returns its pid or None."""
    paths = server_paths(settings)
    pid = read_pid(paths)
    if pid is None:
        return None
    _terminate(pid, timeout)
    paths.pid_file.unlink(missing_ok=True)
    return pid


def _terminate(pid: int, timeout: float) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    while _alive(pid):
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie (reaping our own children)."""
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
