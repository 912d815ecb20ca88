#!/usr/bin/env bash
# Install erfakit on JupyterHub on one Debian/Ubuntu server. Run as root, from a copy of the
# erfakit source (this file is deploy/jupyterhub/install.sh in it). Safe to run again: it upgrades
# the environment and leaves groups, folders and users as they are.
#
#   sudo ./install.sh                     # the documented layout (see README.md)
#   sudo ERFAKIT_SOURCE=/tmp/erfakit-0.2.0-py3-none-any.whl ./install.sh
#
# What it does, step by step (README.md explains each):
#   1. Debian packages: python3-venv, nodejs, npm (only those missing);
#   2. configurable-http-proxy (npm), the hub's web proxy;
#   3. one Python environment ($ERFAKIT_HUB_USER_ENV) with erfakit, Voilà and JupyterHub, readable
#      by every user (the hub runs from it as root; each user's server runs from it as that user);
#   4. the Unix groups $ERFAKIT_HUB_USERS_GROUP (may log in) and $ERFAKIT_HUB_ADMIN_GROUP;
#   5. the shared root $ERFAKIT_HUB_SHARED_ROOT with the landing page Start.ipynb;
#   6. jupyterhub_config.py and hub.env in $ERFAKIT_HUB_CONFIG_DIR, the hub's state folder;
#   7. a systemd service erfakit-hub (when systemd runs), enabled and started.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=common.sh
. "$here/common.sh"
need_root
source_spec="${ERFAKIT_SOURCE:-$(cd "$here/../.." && pwd)}"
umask 022  # everything installed here must be readable by the users' servers

say "1/7 Debian-pakker / Debian packages"
missing=()
command -v python3 >/dev/null || missing+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || fail "erfakit kræver Python 3.11 eller nyere; serveren har $(python3 --version) / erfakit needs Python 3.11+"

say "2/7 configurable-http-proxy"
if ! command -v configurable-http-proxy >/dev/null; then
    npm install -g --silent configurable-http-proxy >/dev/null
fi
proxy="$(command -v configurable-http-proxy)" || fail "configurable-http-proxy blev ikke installeret / was not installed"

say "3/7 Python-miljø / environment $ERFAKIT_HUB_USER_ENV"
[ -x "$ERFAKIT_HUB_USER_ENV/bin/python" ] || python3 -m venv "$ERFAKIT_HUB_USER_ENV"
case "$source_spec" in
    *.whl | *.tar.gz) requirement="erfakit[hub] @ file://$(readlink -f "$source_spec")" ;;
    /* | ./* | ../*) requirement="erfakit[hub] @ file://$(readlink -f "$source_spec")" ;;
    *) requirement="$source_spec" ;;
esac
if [ "${ERFAKIT_SKIP_PIP:-}" != 1 ]; then
    "$ERFAKIT_HUB_USER_ENV/bin/python" -m pip install -q --upgrade pip
    "$ERFAKIT_HUB_USER_ENV/bin/python" -m pip install -q --upgrade "$requirement"
fi
# A root whose umask was 077 (hardened servers) would leave the environment unreadable to users.
chmod -R a+rX "$ERFAKIT_HUB_USER_ENV"
"$ERFAKIT_HUB_USER_ENV/bin/python" -c 'import erfakit, jupyterhub, jupyterhub_idle_culler, voila' \
    || fail "miljøet mangler erfakit, jupyterhub eller voila / the environment lacks erfakit, jupyterhub or voila"

say "4/7 grupper / groups"
ensure_group "$ERFAKIT_HUB_USERS_GROUP"
ensure_group "$ERFAKIT_HUB_ADMIN_GROUP"

say "5/7 fælles mappe / shared root $ERFAKIT_HUB_SHARED_ROOT"
mkdir -p "$ERFAKIT_HUB_SHARED_ROOT"
chown root:root "$ERFAKIT_HUB_SHARED_ROOT"
# Everyone may list the afdeling folders (their names) and enter the root; only root writes here.
chmod 0755 "$ERFAKIT_HUB_SHARED_ROOT"
landing="$("$ERFAKIT_HUB_USER_ENV/bin/python" -c 'from erfakit.resources import notebook_path; print(notebook_path("start"))')"
install -m 0644 -o root -g root "$landing" "$ERFAKIT_HUB_SHARED_ROOT/Start.ipynb"
# JupyterLab as `erfakit lab` shows it (no news pop-up, larger font), for the analysts.
lab_settings="$("$ERFAKIT_HUB_USER_ENV/bin/python" -c 'import erfakit, pathlib; print(pathlib.Path(erfakit.__file__).parent / "lab" / "overrides.json")')"
mkdir -p "$ERFAKIT_HUB_USER_ENV/share/jupyter/lab/settings"
install -m 0644 "$lab_settings" "$ERFAKIT_HUB_USER_ENV/share/jupyter/lab/settings/overrides.json"

say "6/7 konfiguration / configuration $ERFAKIT_HUB_CONFIG_DIR"
mkdir -p "$ERFAKIT_HUB_CONFIG_DIR"
install -m 0644 -o root -g root "$here/jupyterhub_config.py" "$ERFAKIT_HUB_CONFIG_DIR/jupyterhub_config.py"
cat > "$ERFAKIT_HUB_CONFIG_DIR/hub.env" <<ENV
ERFAKIT_HUB_USER_ENV=$ERFAKIT_HUB_USER_ENV
ERFAKIT_HUB_SHARED_ROOT=$ERFAKIT_HUB_SHARED_ROOT
ERFAKIT_HUB_STATE_DIR=$ERFAKIT_HUB_STATE_DIR
ERFAKIT_HUB_USERS_GROUP=$ERFAKIT_HUB_USERS_GROUP
ERFAKIT_HUB_ADMIN_GROUP=$ERFAKIT_HUB_ADMIN_GROUP
ERFAKIT_HUB_GROUP_PREFIX=$ERFAKIT_HUB_GROUP_PREFIX
ERFAKIT_HUB_BIND_URL=$ERFAKIT_HUB_BIND_URL
ENV
chmod 0644 "$ERFAKIT_HUB_CONFIG_DIR/hub.env"
mkdir -p "$ERFAKIT_HUB_STATE_DIR"
chmod 0700 "$ERFAKIT_HUB_STATE_DIR"

say "7/7 tjeneste / service erfakit-hub"
start_command="$ERFAKIT_HUB_USER_ENV/bin/jupyterhub -f $ERFAKIT_HUB_CONFIG_DIR/jupyterhub_config.py"
if [ -d /run/systemd/system ]; then
    cat > /etc/systemd/system/erfakit-hub.service <<UNIT
[Unit]
Description=erfakit on JupyterHub
After=network-online.target

[Service]
User=root
EnvironmentFile=$ERFAKIT_HUB_CONFIG_DIR/hub.env
Environment=PATH=$ERFAKIT_HUB_USER_ENV/bin:$(dirname "$proxy"):/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WorkingDirectory=$ERFAKIT_HUB_STATE_DIR
ExecStart=$start_command
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT
    systemctl daemon-reload
    systemctl enable --now erfakit-hub
    say "erfakit-hub kører / is running: systemctl status erfakit-hub; logs: journalctl -u erfakit-hub"
else
    say "systemd kører ikke her; start hubben selv / systemd is not running here; start the hub yourself:"
    say "  cd $ERFAKIT_HUB_STATE_DIR && set -a && . $ERFAKIT_HUB_CONFIG_DIR/hub.env && set +a && $start_command"
fi
say "færdig / done. Næste skridt / next: add-afdeling.sh, add-user.sh (README.md)"
