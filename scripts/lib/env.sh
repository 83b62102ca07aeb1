# shellcheck shell=bash
# Shared helpers for the scripts/ entry points: find a suitable Python and build cached virtual envs.

# Print the path of the newest Python >= 3.13 we can find (PATH first, then pyenv).
vp_find_python() {
  local cand
  for cand in python3.14 python3.13; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; then
      command -v "$cand"
      return 0
    fi
  done
  if command -v pyenv >/dev/null 2>&1; then
    local root version
    root=$(pyenv root)
    version=$(ls "$root/versions" 2>/dev/null | grep -E '^3\.(1[3-9])\.[0-9]+$' | sort -t. -k1,1n -k2,2n -k3,3n | tail -n 1)
    if [ -n "$version" ] && [ -x "$root/versions/$version/bin/python3" ]; then
      echo "$root/versions/$version/bin/python3"
      return 0
    fi
  fi
  echo "error: no Python >= 3.13 found (install one, for example with pyenv)" >&2
  return 1
}

# pip install into venv $1, hiding the machine's warnings about absent local index folders.
_vp_pip() (
  dir=$1
  shift
  set +o pipefail
  { "$dir/bin/python" -m pip install -q "$@" 2>&1; echo "pip-exit:$?"; } |
    grep -v "is ignored: it is neither" | {
      status=1
      while IFS= read -r line; do
        case "$line" in pip-exit:*) status=${line#pip-exit:} ;; *) echo "$line" >&2 ;; esac
      done
      exit "$status"
    }
)

# vp_venv NAME REQUIREMENTS_FILE -> prints the venv path; builds it when missing or stale.
# Venvs live outside the checkout, keyed by the requirement files' content, so clones and
# worktrees on one machine share them and a changed pin builds a fresh one.
vp_venv() {
  local name=$1 req=$2 root=${VP_ROOT:?} python hash dir extra=()
  python=$(vp_find_python) || return 1
  hash=$(cat "$root/$req" "$root/requirements_tools.txt" | "$python" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:12])')
  dir="${VP_VENV_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/video_pipeline}/$name-$hash"
  if [ ! -f "$dir/.complete" ]; then
    echo ">> building $name environment in $dir (first use; a few minutes)" >&2
    rm -rf "$dir"
    "$python" -m venv "$dir" >&2 || return 1
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 13, 2))'; then
      extra=(--ignore-requires-python)
    fi
    _vp_pip "$dir" --upgrade pip || return 1
    (cd "$root" && _vp_pip "$dir" "${extra[@]}" -r "$req") || return 1
    touch "$dir/.complete"
  fi
  echo "$dir"
}
