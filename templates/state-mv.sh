#!/bin/sh
# {{title}}
# Written by unmodule. Moves each object to its new address with `terraform state mv`, after
# saving a copy of the whole state that nothing overwrites. Safer: `unmodule migrate . --execute`
# checks these moves on a copy of the state first and restores the backup if a move fails.
#
# Run it from the service directory. TERRAFORM=tofu selects another binary.
set -eu

TERRAFORM="${TERRAFORM:-terraform}"
BACKUP="unmodule-backup-$(date -u +%Y%m%dT%H%M%SZ)-$$.tfstate"

if [ -e "$BACKUP" ]; then
  echo "refusing to overwrite $BACKUP" >&2
  exit 1
fi
# set -e does not see a failure on the left of a redirect into a file that exists, so check it.
"$TERRAFORM" state pull > "$BACKUP" || { echo "state pull failed; nothing was moved" >&2; exit 1; }
echo "state backup: $BACKUP (restore with: $TERRAFORM state push $BACKUP)"

# The object may sit at any address along a chain of moves; this moves whichever is in state.
mv_first_present() {
  to="$1"
  shift
  for from in "$@"; do
    if "$TERRAFORM" state list "$from" > /dev/null 2>&1; then
      "$TERRAFORM" state mv "$from" "$to"
      return 0
    fi
  done
  echo "none of the sources of $to is in state" >&2
  return 1
}

{{moves}}
echo "moved {{count}} object(s); next: $TERRAFORM plan (it must show no changes)"
