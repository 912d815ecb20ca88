#!/usr/bin/env bash
# Create one afdeling's shared folder, readable and writable only by its own Unix group.
#
#   sudo ./add-afdeling.sh afdeling-7            # group erfakit-afdeling-7, folder .../afdeling-7
#   sudo ./add-afdeling.sh afdeling-7 laerkepark # the same folder, an existing or new group "laerkepark"
#
# The folder gets mode 2770: rwx for root and the group, nothing for anyone else, and the setgid
# bit, so every file created in it (meeting files, versions, app notebooks) belongs to the group.
# Users' servers run with umask 007 (jupyterhub_config.py), so those files stay group-writable.
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
need_root
[ $# -ge 1 ] || fail "brug / usage: $0 MAPPENAVN [GRUPPE]"
name="$1"
case "$name" in
    */* | .* | "") fail "mappenavnet «$name» må ikke indeholde / eller starte med punktum / the folder name must not contain / or start with a dot" ;;
esac
group="${2:-${ERFAKIT_HUB_GROUP_PREFIX}${name}}"
group="$(printf '%s' "$group" | tr '[:upper:]' '[:lower:]')"
[ ${#group} -le 32 ] || fail "gruppenavnet «$group» er længere end 32 tegn; angiv et kortere som andet argument / the group name is longer than 32 characters; give a shorter one as second argument"
[ -d "$ERFAKIT_HUB_SHARED_ROOT" ] || fail "$ERFAKIT_HUB_SHARED_ROOT findes ikke; kør install.sh først / does not exist; run install.sh first"
ensure_group "$group"
folder="$ERFAKIT_HUB_SHARED_ROOT/$name"
mkdir -p "$folder"
chown root:"$group" "$folder"
chmod 2770 "$folder"
say "mappe/folder $folder: gruppe/group $group, $(stat -c %A "$folder")"
say "tilføj personer med / add people with: $(dirname "$0")/add-user.sh BRUGER \"Fulde navn\" $name"
