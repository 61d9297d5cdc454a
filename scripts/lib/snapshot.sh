# scripts/lib/snapshot.sh: sourced by the generators' generate.sh, never run on its own.
#
#   require_commit GIT_DIR COMMIT OWNER/NAME
#
# Exits with status 1 and a message unless GIT_DIR (a bare git directory or a clone) holds
# COMMIT, the commit of OWNER/NAME that the generator pins: a generator reads only its pinned
# snapshot, never whatever happens to be checked out.
require_commit() {
  if ! git -C "$1" cat-file -e "$2^{commit}" 2>/dev/null; then
    echo "generate.sh: commit $2 of $3 is not in $1 (fetch it first)" >&2
    exit 1
  fi
}
