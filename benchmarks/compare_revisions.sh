#!/usr/bin/env bash
# Before/after in one command: the benchmarks of an earlier revision and of the working tree,
# alternated round by round on the same machine, so a busy moment slows both alike.
#
# Usage: benchmarks/compare_revisions.sh REV [ROUNDS]   (e.g. 339c088 3)
# Each benchmark prints its ratio against a baseline it measures in the same run; compare those
# ratios. The earlier revision runs from a temporary git worktree with this checkout's Python
# environment (PYTHON, default .venv/bin/python); its own benchmark scripts are used.
set -euo pipefail
rev=${1:?usage: benchmarks/compare_revisions.sh REV [ROUNDS]}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
before=$(mktemp -d)
trap 'git -C "$here" worktree remove --force "$before" >/dev/null 2>&1 || rm -rf "$before"' EXIT
git -C "$here" worktree add --detach --quiet "$before" "$rev"
for round in $(seq 1 "$rounds"); do
  for bench in save live_edit live_edit_form portfolio; do
    for side in before after; do
      if [ "$side" = before ]; then root=$before; else root=$here; fi
      [ -f "$root/benchmarks/$bench.py" ] || continue
      echo "=== round $round $bench $side (load $(cut -d' ' -f1 /proc/loadavg))"
      (cd "$root" && PYTHONPATH=$root "$python" "benchmarks/$bench.py" 2>&1 | grep -v Warning | tail -12)
    done
  done
done
