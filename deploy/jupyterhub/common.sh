# Shared by install.sh, add-afdeling.sh and add-user.sh: the layout, from the environment, then from
# $ERFAKIT_HUB_CONFIG_DIR/hub.env (written by install.sh), then the documented defaults.
# shellcheck shell=bash

ERFAKIT_HUB_CONFIG_DIR="${ERFAKIT_HUB_CONFIG_DIR:-/etc/erfakit}"
if [ -r "$ERFAKIT_HUB_CONFIG_DIR/hub.env" ]; then
    while IFS='=' read -r key value; do
        case "$key" in
            ERFAKIT_*) if [ -z "${!key+set}" ]; then export "$key=$value"; fi ;;
        esac
    done < "$ERFAKIT_HUB_CONFIG_DIR/hub.env"
fi
export ERFAKIT_HUB_CONFIG_DIR
export ERFAKIT_HUB_USER_ENV="${ERFAKIT_HUB_USER_ENV:-/opt/erfakit}"
export ERFAKIT_HUB_SHARED_ROOT="${ERFAKIT_HUB_SHARED_ROOT:-/srv/erfakit/afdelinger}"
export ERFAKIT_HUB_STATE_DIR="${ERFAKIT_HUB_STATE_DIR:-/var/lib/erfakit-hub}"
export ERFAKIT_HUB_USERS_GROUP="${ERFAKIT_HUB_USERS_GROUP:-erfakit}"
export ERFAKIT_HUB_ADMIN_GROUP="${ERFAKIT_HUB_ADMIN_GROUP:-erfakit-admin}"
export ERFAKIT_HUB_GROUP_PREFIX="${ERFAKIT_HUB_GROUP_PREFIX:-erfakit-}"
export ERFAKIT_HUB_BIND_URL="${ERFAKIT_HUB_BIND_URL:-http://127.0.0.1:8000}"

say() { printf 'erfakit: %s\n' "$*"; }
fail() { printf 'erfakit: FEJL / ERROR: %s\n' "$*" >&2; exit 1; }
need_root() { [ "$(id -u)" -eq 0 ] || fail "kør som root (sudo) / run as root (sudo)"; }
ensure_group() { getent group "$1" >/dev/null || { groupadd "$1" && say "gruppe/group $1 oprettet/created"; }; }
