# JupyterHub configuration for erfakit: one server, many tovholdere and analysts.
#
# Read README.md (Danish) or README.en.md (English) beside this file first. In short:
#   * every person is a Unix user on the server and logs in with that password (PAM);
#   * every afdeling has one folder under SHARED_ROOT owned by one Unix group (mode 2770), so only
#     the afdeling's group can read or write its meeting files;
#   * each user gets their own Jupyter server, started as that Unix user (so Unix permissions decide
#     what it may read), with erfakit and Voilà installed; the hub's login protects all of it;
#   * a tovholder lands on Start.ipynb rendered by Voilà: pick an afdeling and a meeting, one click
#     opens its forms at /user/<name>/voila/render/<afdeling>/<meeting>-app.ipynb;
#   * servers idle for CULL_IDLE_SECONDS are stopped by jupyterhub-idle-culler.
#
# Every setting below that an administrator may change can also be given as an environment
# variable (the systemd unit in this folder sets none: the defaults are the documented layout).
# Settings on the jupyterhub command line override this file.

import contextlib
import grp
import os
import sys
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

# Where things live (the guide's layout). ------------------------------------------------------
SHARED_ROOT = os.environ.get("ERFAKIT_HUB_SHARED_ROOT", "/srv/erfakit/afdelinger")
"""The folder that holds one folder per afdeling; each user's Jupyter server starts here."""
USER_ENV = os.environ.get("ERFAKIT_HUB_USER_ENV", "/opt/erfakit")
"""The Python environment with erfakit, Voilà and jupyterhub installed, readable by every user."""
STATE_DIR = Path(os.environ.get("ERFAKIT_HUB_STATE_DIR", "/var/lib/erfakit-hub"))
"""The hub's own database and cookie secret (root only)."""
BIND_URL = os.environ.get("ERFAKIT_HUB_BIND_URL", "http://127.0.0.1:8000")
"""Where the hub answers. Put HTTPS in front of it (see the guide); never serve it as plain http
on a network."""
USERS_GROUP = os.environ.get("ERFAKIT_HUB_USERS_GROUP", "erfakit")
"""Only members of this Unix group may log in."""
ADMIN_GROUP = os.environ.get("ERFAKIT_HUB_ADMIN_GROUP", "erfakit-admin")
"""Members of this Unix group are hub administrators (see and stop other users' servers)."""
CULL_IDLE_SECONDS = int(os.environ.get("ERFAKIT_HUB_CULL_IDLE_SECONDS", "3600"))
"""A server with no activity for this long is stopped. A meeting is two hours and its page reports
activity as it is used; an hour of silence means it was left open. Nothing typed is lost either
way: every change is on disk within a second."""
LANDING = "Start.ipynb"
"""The landing notebook in SHARED_ROOT (install.sh copies it there)."""

STATE_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)

# The hub: address, state, and what happens at logout. -----------------------------------------
c.JupyterHub.bind_url = BIND_URL
c.JupyterHub.db_url = f"sqlite:///{STATE_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE_DIR / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE_DIR / "jupyterhub-proxy.pid")
# A shared laptop at the head office: logging out stops the user's server (the meeting is saved).
c.JupyterHub.shutdown_on_logout = True

# Who may log in: Unix users of the server (PAM), members of USERS_GROUP. ------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {USERS_GROUP}
try:
    grp.getgrnam(ADMIN_GROUP)
except KeyError:
    # A login would fail with an error 500 while the group is missing (JupyterHub looks it up).
    print(f"erfakit: the admin group {ADMIN_GROUP!r} does not exist; the hub has no administrators", file=sys.stderr)
else:
    c.PAMAuthenticator.admin_groups = {ADMIN_GROUP}


# Each user's server: a local process running as that Unix user, with a group-friendly umask. ---
class ErfakitSpawner(LocalProcessSpawner):
    """LocalProcessSpawner whose servers create files without world access, writable by the group,
    and run in the shared root (so a terminal opens among the afdeling folders).

    With umask 007 a meeting file, its versions and the app notebook written in an afdeling's
    folder are rw for the afdeling's group (the folder's setgid bit gives them the group) and
    invisible to everyone else, whoever of the group wrote them.
    """

    def make_preexec_fn(self, name):
        become_user = super().make_preexec_fn(name)

        def preexec():
            os.umask(0o007)
            become_user()
            # Terminals open where the server runs: in the afdelinger, not in the home folder.
            with contextlib.suppress(OSError):
                os.chdir(SHARED_ROOT)

        return preexec


c.JupyterHub.spawner_class = ErfakitSpawner
c.Spawner.cmd = [os.path.join(USER_ENV, "bin", "jupyterhub-singleuser")]
c.Spawner.notebook_dir = SHARED_ROOT
c.Spawner.default_url = f"/voila/render/{LANDING}"
# The user's own ~/.jupyter must not switch off what this file sets.
c.Spawner.disable_user_config = True
c.Spawner.environment = {
    "ERFAKIT_SPROG": "da",
    # erfakit, jupyter and python of the users' environment first, in terminals too.
    "PATH": f"{USER_ENV}/bin:/usr/local/bin:/usr/bin:/bin",
}
# A cold server with the widgets and Voilà takes a while on a busy two-core machine.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.Spawner.args = [
    # Voilà runs inside the user's server (a jupyter_server extension): the app mode is behind the
    # hub's login like everything else, at /user/<name>/voila/render/...
    "--VoilaConfiguration.template=erfakit",
    "--VoilaConfiguration.theme=light",
    "--VoilaConfiguration.strip_sources=True",
    "--VoilaConfiguration.progressive_rendering=True",
    # Voilà leaves a kernel behind per page visit (voila#1458); kernels with a page still connected
    # are never culled, one left behind goes after 15 quiet minutes.
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_idle_timeout=900",
    "--MappingKernelManager.cull_connected=False",
    # Kernels talk to the server over Unix sockets in the user's own runtime folder, not over TCP
    # ports on 127.0.0.1 that every other user of the server could connect to.
    "--KernelManager.transport=ipc",
    # A terminal (for the analyst's `erfakit new`, `erfakit show`) keeps the PATH above: a login
    # shell, Jupyter's default under a spawner, would reset it from /etc/profile.
    "--ServerApp.terminado_settings=shell_command=/bin/bash",
]

# Idle servers are stopped by jupyterhub-idle-culler, run by the hub as a service. --------------
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_IDLE_SECONDS}"],
    }
]
