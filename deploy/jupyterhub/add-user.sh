#!/usr/bin/env bash
# Give a person a login on the hub and access to one or more afdelinger.
#
#   sudo ./add-user.sh mette "Mette Hansen" afdeling-7              # a tovholder in afdeling 7
#   sudo ./add-user.sh ane "Ane Larsen" afdeling-7 afdeling-12       # an analyst in both
#   sudo ./add-user.sh mette "" afdeling-12                          # an existing user: one more afdeling
#
# A new user gets a home folder and must be given a password (passwd BRUGER) or another way to log
# in that PAM knows. Group changes take effect at the user's next server start: ask them to log out
# and in again (logging out stops their server).
set -euo pipefail
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"
need_root
[ $# -ge 1 ] || fail "brug / usage: $0 BRUGER [\"FULDE NAVN\"] [AFDELING ...]"
user="$1"; full_name="${2:-}"; shift; [ $# -ge 1 ] && shift
groups=("$ERFAKIT_HUB_USERS_GROUP")
for afdeling in "$@"; do
    folder="$ERFAKIT_HUB_SHARED_ROOT/$afdeling"
    [ -d "$folder" ] || fail "afdelingen $afdeling har ingen mappe ($folder); opret den med add-afdeling.sh / has no folder; create it with add-afdeling.sh"
    groups+=("$(stat -c %G "$folder")")
done
ensure_group "$ERFAKIT_HUB_USERS_GROUP"
joined="$(IFS=,; printf '%s' "${groups[*]}")"
if id "$user" >/dev/null 2>&1; then
    usermod -aG "$joined" "$user"
    [ -z "$full_name" ] || usermod -c "$full_name" "$user"
    say "bruger/user $user findes; grupper/groups nu/now: $(id -nG "$user")"
else
    useradd --create-home --shell /bin/bash --comment "$full_name" --groups "$joined" "$user"
    # Private home: the server's runtime files and the user's own notes are nobody else's business.
    chmod 0700 "$(getent passwd "$user" | cut -d: -f6)"
    say "bruger/user $user oprettet/created; grupper/groups: $(id -nG "$user")"
    say "giv en adgangskode med / set a password with: passwd $user"
fi
