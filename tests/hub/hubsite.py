"""A real JupyterHub on loopback with real local Unix users, set up as deploy/jupyterhub/ says.

Used by the `hub` tests and by ``benchmarks/hub_meetings.py``. Everything it makes carries the
prefix ``efkt<pid>`` (groups, users) or lives in one temporary folder, and `HubSite.remove` takes it
all away again: hub, proxy, culler, every process of the test users, the users, the groups, the
folders. A site left behind by a run that was killed is swept at the next run (`sweep_leftovers`).

The users' environment. Each user's server runs as that user, so the Python environment must be
readable and executable by them, and a developer's or CI's clone (and its ``.venv``) may lie under
a 0700 home. So the test builds a world-readable environment in a temporary folder, once per
session (`build_user_env`, ~10 s): a venv of the very interpreter the tests run on, whose
site-packages, ``share`` and ``etc`` are hard-linked copies of the test environment's (the same
package versions), with erfakit itself installed from the checkout as a regular (non-editable)
package. When that interpreter lies under a folder others may not enter (this machine's Python is
``/root/.pyenv/...`` and ``/root`` is 0700), those folders get ``o+x`` (enter, not list) for the
session and their modes are restored afterwards (`TraverseGrant`; a killed run's grant is undone by
the next run's `sweep_leftovers`). A different interpreter of the same minor version is not used:
Debian 12's Python 3.11.2 runs this environment's current soupsieve wrongly (a possessive-quantifier
regex bug fixed in a later 3.11), so the users' servers would not be the tests' ones.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy" / "jupyterhub"
NAME_PREFIX = f"efkt{os.getpid()}"
"""Every user and group of this run starts with this; a dead run's ones are swept by it."""
_PREFIX_PATTERN = re.compile(r"^efkt(\d+)")
GECOS_MARK = "erfakit-hub-test"
AS_NOBODY: dict = {"user": "nobody", "group": "nogroup", "extra_groups": []}
"""Another user, without root's groups (which would let the group bits decide instead)."""
HUB_START_TIMEOUT_S = 90


class Missing(Exception):
    """Something the hub test needs is not on this machine; the message names it and how to get it."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def check_requirements() -> str:
    """The path of configurable-http-proxy; raises `Missing` naming the first thing that is not here."""
    if os.geteuid() != 0:
        raise Missing("the hub test creates local Unix users and must run as root")
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "chpasswd"):
        if shutil.which(tool) is None:
            raise Missing(f"`{tool}` is missing (Debian package passwd)")
    import importlib.util

    for module, how in (("jupyterhub", "the hub extra"), ("jupyterhub_idle_culler", "the hub extra")):
        if importlib.util.find_spec(module) is None:
            raise Missing(f"{module} is not installed: install {how} with `pip install -e '.[hub]'`")
    proxy = shutil.which("configurable-http-proxy")
    if proxy is None:
        raise Missing(
            "configurable-http-proxy is missing: `npm install -g configurable-http-proxy` (needs nodejs, npm)"
        )
    if shutil.which("node") is None:
        raise Missing("node is missing (configurable-http-proxy runs on it): `apt-get install -y nodejs`")
    if not Path("/usr/bin/chromium").exists():
        raise Missing("/usr/bin/chromium is missing: `apt-get install -y chromium`")
    return proxy


class TraverseGrant:
    """``o+x`` on the folders above a path that others may not enter, undone by `restore`.

    Several runs may need the same folder at once (two helpers' test runs, a benchmark beside a
    test): one registry file, under an exclusive ``flock``, keeps each folder's original mode and
    the live processes that need it; the last one to leave restores the mode.
    """

    REGISTRY = Path(tempfile.gettempdir()) / "erfakit-hub-traverse.json"

    def __init__(self) -> None:
        self.folders: list[str] = []

    def grant(self, path: Path) -> None:
        with _registry() as entries:
            for folder in reversed(path.resolve().parents):
                mode = stat.S_IMODE(folder.stat().st_mode)
                key = str(folder)
                if key not in entries and mode & stat.S_IXOTH:
                    continue  # open to others anyway, nothing to undo
                entry = entries.setdefault(key, {"mode": mode, "pids": []})
                if os.getpid() not in entry["pids"]:
                    entry["pids"].append(os.getpid())
                folder.chmod(mode | stat.S_IXOTH)
                self.folders.append(key)

    def restore(self) -> None:
        with _registry() as entries:
            for key in self.folders:
                if key in entries:
                    entries[key]["pids"] = [pid for pid in entries[key]["pids"] if pid != os.getpid()]
        self.folders = []
        release_traverse_grants()


@contextlib.contextmanager
def _registry():
    """The grant registry, read and written under an exclusive lock."""
    import fcntl

    with open(TraverseGrant.REGISTRY, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        try:
            entries = json.loads(handle.read() or "{}")
        except ValueError:
            entries = {}
        yield entries
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(entries))


def release_traverse_grants() -> list[str]:
    """Restore the mode of every granted folder no live process needs any more; return them."""
    restored = []
    with _registry() as entries:
        for key in list(entries):
            entries[key]["pids"] = [pid for pid in entries[key]["pids"] if _pid_alive(pid)]
            if not entries[key]["pids"]:
                with contextlib.suppress(OSError):
                    os.chmod(key, entries[key]["mode"])
                del entries[key]
                restored.append(key)
    return restored


def _runs_as_nobody(interpreter: Path) -> bool:
    try:
        probe = subprocess.run(
            [str(interpreter), "-c", "import venv"], **AS_NOBODY, capture_output=True, cwd="/", check=False
        )
    except OSError:  # not even executable for them
        return False
    return probe.returncode == 0


def shared_interpreter(grant: TraverseGrant) -> Path:
    """This interpreter, made runnable for other users (``o+x`` on the folders above it if need be)."""
    interpreter = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    if not _runs_as_nobody(interpreter):
        grant.grant(Path(sys.base_prefix) / "lib")
        grant.grant(interpreter)
    if not _runs_as_nobody(interpreter):
        raise Missing(f"{interpreter} cannot be run by other users even with o+x on the folders above it")
    return interpreter


def build_user_env(dest: Path, grant: TraverseGrant) -> Path:
    """A world-readable copy of this environment at ``dest`` with erfakit installed from the checkout."""
    interpreter = shared_interpreter(grant)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    subprocess.run([str(interpreter), "-m", "venv", "--without-pip", str(dest)], check=True)
    source = Path(sys.prefix)
    site = dest / "lib" / version / "site-packages"
    shutil.rmtree(site)
    _copy_tree(source / "lib" / version / "site-packages", site)
    for folder in ("share", "etc"):
        if (source / folder).is_dir():
            _copy_tree(source / folder, dest / folder)
    for script in (source / "bin").iterdir():
        target = dest / "bin" / script.name
        if target.exists() or target.is_symlink() or script.is_symlink() or script.name.startswith("activate"):
            continue
        content = script.read_bytes()
        if content.startswith(f"#!{source}".encode()):
            # Console scripts name their interpreter by absolute path.
            target.write_bytes(f"#!{dest / 'bin' / 'python'}".encode() + content[content.index(b"\n") :])
            target.chmod(0o755)
        else:
            os.link(script, target)
    # The checkout may be unreadable to the users (and an editable install points into it).
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(dest / "bin" / "python"), "install", "-q", "--no-deps",
         "--force-reinstall", "--no-warn-script-location", str(REPO)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    probe = subprocess.run(
        [str(dest / "bin" / "python"), "-c", "import erfakit, jupyterhub, voila; print(erfakit.__file__)"],
        **AS_NOBODY,
        capture_output=True,
        text=True,
        cwd="/",
        check=False,
    )
    if probe.returncode != 0 or not probe.stdout.startswith(str(dest)):
        raise RuntimeError(f"the users' environment at {dest} does not work for other users:\n{probe.stderr}")
    return dest


def _copy_tree(source: Path, target: Path) -> None:
    """Hard-linked copy (fast, no space); a plain copy where the two lie on different file systems."""
    try:
        subprocess.run(["cp", "-al", str(source), str(target)], check=True, capture_output=True)
    except subprocess.CalledProcessError:
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run(["cp", "-a", str(source), str(target)], check=True)


@dataclass
class HubUser:
    """A person with a login on the hub."""

    name: str
    full_name: str
    password: str
    afdelinger: tuple[str, ...]
    uid: int
    home: Path


@dataclass
class HubSite:
    """One installation as deploy/jupyterhub/install.sh makes it, in a temporary folder."""

    base: Path
    user_env: Path
    proxy: str
    port: int = field(default_factory=free_port)
    users: dict[str, HubUser] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)
    process: subprocess.Popen | None = None

    @property
    def shared_root(self) -> Path:
        return self.base / "afdelinger"

    @property
    def config_dir(self) -> Path:
        return self.base / "etc"

    @property
    def state_dir(self) -> Path:
        return self.base / "state"

    @property
    def log_path(self) -> Path:
        return self.base / "hub.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def layout_env(self) -> dict[str, str]:
        """The ERFAKIT_HUB_* settings of this site (what install.sh writes into hub.env)."""
        return {
            "ERFAKIT_HUB_CONFIG_DIR": str(self.config_dir),
            "ERFAKIT_HUB_USER_ENV": str(self.user_env),
            "ERFAKIT_HUB_SHARED_ROOT": str(self.shared_root),
            "ERFAKIT_HUB_STATE_DIR": str(self.state_dir),
            "ERFAKIT_HUB_USERS_GROUP": f"{NAME_PREFIX}-brugere",
            "ERFAKIT_HUB_ADMIN_GROUP": f"{NAME_PREFIX}-admin",
            "ERFAKIT_HUB_GROUP_PREFIX": f"{NAME_PREFIX}-",
            "ERFAKIT_HUB_BIND_URL": self.url,
        }

    def script_env(self) -> dict[str, str]:
        path = os.pathsep.join(
            dict.fromkeys([str(Path(self.proxy).parent), str(Path(shutil.which("node") or "/usr/bin/node").parent),
                           "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"])
        )  # fmt: skip
        env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "JUPYTER", "VIRTUAL"))}
        env.update(self.layout_env())
        env["PATH"] = path
        return env

    def run_script(self, name: str, *args: str, **extra_env: str) -> str:
        """Run one of deploy/jupyterhub's scripts as an administrator would; return its output."""
        result = subprocess.run(
            ["bash", str(DEPLOY / name), *args],
            env={**self.script_env(), **extra_env},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{name} {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def install(self) -> None:
        """install.sh, with the environment already built (``ERFAKIT_SKIP_PIP``: no pip run here)."""
        self.run_script("install.sh", ERFAKIT_SKIP_PIP="1")
        self.groups += [self.layout_env()["ERFAKIT_HUB_USERS_GROUP"], self.layout_env()["ERFAKIT_HUB_ADMIN_GROUP"]]

    def add_afdeling(self, folder: str) -> str:
        """add-afdeling.sh; returns the afdeling's group."""
        self.run_script("add-afdeling.sh", folder)
        group = f"{NAME_PREFIX}-{folder}"
        self.groups.append(group)
        return group

    def add_user(self, short: str, full_name: str, *afdelinger: str) -> HubUser:
        """add-user.sh, then a password through chpasswd (PAM checks it at login)."""
        name = f"{NAME_PREFIX}{short}"
        self.run_script("add-user.sh", name, f"{full_name},,,,{GECOS_MARK}", *afdelinger)
        entry = pwd.getpwnam(name)
        user = HubUser(name, full_name, secrets.token_urlsafe(12), afdelinger, entry.pw_uid, Path(entry.pw_dir))
        subprocess.run(["chpasswd"], input=f"{name}:{user.password}\n", text=True, check=True)
        self.users[short] = user
        return user

    def as_user(self, user: HubUser, command: list[str], *, cwd: Path | None = None) -> subprocess.CompletedProcess:
        """Run ``command`` as ``user`` with their groups and the hub's umask (as their server would)."""
        return subprocess.run(
            command,
            user=user.name,
            group=pwd.getpwnam(user.name).pw_gid,
            extra_groups=os.getgrouplist(user.name, pwd.getpwnam(user.name).pw_gid),
            umask=0o007,
            cwd=cwd or user.home,
            env={"PATH": f"{self.user_env / 'bin'}:/usr/bin:/bin", "HOME": str(user.home), "LANG": "C.UTF-8"},
            capture_output=True,
            text=True,
            check=False,
        )

    def start(self) -> None:
        """Start the hub as the systemd unit would (from the users' environment, as root)."""
        env = self.script_env()
        env["PATH"] = f"{self.user_env / 'bin'}{os.pathsep}{env['PATH']}"
        command = [
            str(self.user_env / "bin" / "jupyterhub"),
            "-f", str(self.config_dir / "jupyterhub_config.py"),
            # Internal ports free on this machine (the defaults 8081/8001 may be taken).
            f"--JupyterHub.hub_bind_url=http://127.0.0.1:{free_port()}",
            f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}",
        ]  # fmt: skip
        log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            command, cwd=self.state_dir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        deadline = time.monotonic() + HUB_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited with {self.process.returncode}:\n{self.log_tail()}")
            with (
                contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError),
                urllib.request.urlopen(f"{self.url}/hub/health", timeout=5) as response,
            ):
                if response.status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"the hub did not answer within {HUB_START_TIMEOUT_S} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        """The hub's last log lines (the proxy's own chatter left out), for failure messages."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join([line for line in text.splitlines() if "ConfigProxy" not in line][-lines:])

    def user_processes(self, user: HubUser) -> list[int]:
        """The process ids running as ``user`` (their server and kernels)."""
        return [pid for pid, uid in _processes() if uid == user.uid]

    def stop(self) -> list[str]:
        """Stop the hub (it stops the users' servers and its proxy), then whatever it left; say what."""
        leftovers = []
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                leftovers.append(f"hub {self.process.pid} ignored SIGTERM")
                self.process.kill()
                self.process.wait()
        # Kernels notice their server is gone within a few seconds; give them that before killing.
        deadline = time.monotonic() + 15
        while self.running_processes() and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in self.running_processes():
            leftovers.append(f"{pid} {_cmdline(pid)[:120]}")
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return leftovers

    def running_processes(self) -> list[int]:
        """Processes of this site still running: the test users' and any using its folders or port."""
        uids = {user.uid for user in self.users.values()}
        markers = (str(self.base), str(self.user_env), f"--port {self.port} ")
        return [
            pid
            for pid, uid in _processes()
            if pid != os.getpid() and (uid in uids or any(marker in _cmdline(pid) for marker in markers))
        ]

    def remains(self) -> list[str]:
        """What of this site is still on the machine after `remove` (empty when all is gone)."""
        import grp

        found = [f"process {pid}: {_cmdline(pid)[:120]}" for pid in self.running_processes()]
        found += [f"user {user.name}" for user in self.users.values() if _user_exists(user.name)]
        existing_groups = {group.gr_name for group in grp.getgrall()}
        found += [f"group {group}" for group in self.groups if group in existing_groups]
        if self.base.exists():
            found.append(f"folder {self.base}")
        return found

    def remove(self) -> list[str]:
        """Stop everything, delete the users, the groups and the folder; return what had been left running."""
        leftovers = self.stop()
        for user in self.users.values():
            _delete_user(user.name)
        for group in dict.fromkeys(self.groups):
            subprocess.run(["groupdel", group], capture_output=True, check=False)
        shutil.rmtree(self.base, ignore_errors=True)
        return leftovers


VIEWPORT = {"width": 1600, "height": 900}
"""A projector's screen."""
SPAWN_TIMEOUT_MS = 240_000
"""Login, a cold server and the landing page's kernel on a busy two-core machine."""


def log_in(browser, site: HubSite, user: HubUser, *, timeout_ms: int = 60_000):
    """A fresh browser context for ``user``: log in at the hub, wait for the landing page; the page."""
    context = browser.new_context(viewport=VIEWPORT, locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(timeout_ms)
    page = context.new_page()
    page.goto(f"{site.url}/hub/login")
    page.fill("#username_input", user.name)
    page.fill("#password_input", user.password)
    page.click("#login_submit")
    page.wait_for_selector(".erfakit-landing-afdeling select", timeout=SPAWN_TIMEOUT_MS)
    return page


def new_site(user_env: Path) -> HubSite:
    """An installed (not yet started) site in a fresh world-readable temporary folder."""
    proxy = check_requirements()
    base = Path(tempfile.mkdtemp(prefix="erfakit-hub-site-"))
    base.chmod(0o755)  # the users' servers must reach the shared root inside it
    site = HubSite(base=base, user_env=user_env, proxy=proxy)
    site.install()
    return site


def sweep_leftovers() -> list[str]:
    """Undo what earlier runs whose process is gone left: folder modes, users, groups; say what."""
    swept = []
    swept += release_traverse_grants()
    for entry in pwd.getpwall():
        match = _PREFIX_PATTERN.match(entry.pw_name)
        if match and GECOS_MARK in entry.pw_gecos and not _pid_alive(int(match.group(1))):
            for pid, uid in _processes():
                if uid == entry.pw_uid:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
            _delete_user(entry.pw_name)
            swept.append(entry.pw_name)
    import grp

    for group in grp.getgrall():
        match = _PREFIX_PATTERN.match(group.gr_name)
        if match and not _pid_alive(int(match.group(1))):
            subprocess.run(["groupdel", group.gr_name], capture_output=True, check=False)
            swept.append(group.gr_name)
    return swept


def pss_and_rss_kib(pid: int) -> tuple[int, int]:
    """Proportional and resident set size of one process, in KiB (0, 0 when it is gone)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = dict(re.findall(r"^(Pss|Rss):\s+(\d+) kB", rollup, flags=re.M))
    return int(values.get("Pss", 0)), int(values.get("Rss", 0))


def _delete_user(name: str) -> None:
    subprocess.run(["userdel", "--remove", name], capture_output=True, check=False)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _pid_alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def _processes() -> list[tuple[int, int]]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                found.append((int(entry.name), entry.stat().st_uid))
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
