# shellcheck shell=bash
# Shared helpers for the scripts/ entry points: find a suitable Python and build cached virtual envs.

# Where environments and the private Python 3.14 live: outside the checkout, so clones and
# worktrees on one machine share them.
VP_CACHE=${VP_VENV_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/video_pipeline}
export VP_CACHE

# _vp_python_ok PYTHON MIN -> true when PYTHON runs and its version is >= MIN (for example 3.14.2).
_vp_python_ok() {
  "$1" -c 'import sys; want = tuple(int(p) for p in sys.argv[1].split(".")); sys.exit(sys.version_info[: len(want)] < want)' "$2" 2>/dev/null
}

# vp_find_python [MIN] -> prints the path of a Python >= MIN (default 3.13).
# Looks on PATH, then in uv's and pyenv's interpreters; for 3.14 on a Debian machine without one,
# fetches Debian's own build into a private cached prefix (scripts/lib/python314-debian.sh).
vp_find_python() {
  local min=${1:-3.13} minor cand found=""
  minor=$(echo "$min" | cut -d. -f1-2)
  for cand in "python$minor" python3.15 python3.14 python3.13; do
    if command -v "$cand" >/dev/null 2>&1 && _vp_python_ok "$(command -v "$cand")" "$min"; then
      command -v "$cand"
      return 0
    fi
  done
  if command -v uv >/dev/null 2>&1; then
    found=$(uv python find --no-python-downloads "$minor" 2>/dev/null || true)
    if [ -n "$found" ] && _vp_python_ok "$found" "$min"; then
      echo "$found"
      return 0
    fi
  fi
  if command -v pyenv >/dev/null 2>&1; then
    local root version
    root=$(pyenv root)
    # The asked-for minor release first (HA 2025.4 wants 3.13, not a newer one), then any newer.
    for version in $(ls "$root/versions" 2>/dev/null | grep -E "^${minor//./\\.}\.[0-9]+$" | sort -t. -k3,3nr) \
      $(ls "$root/versions" 2>/dev/null | grep -E '^3\.[0-9]+\.[0-9]+$' | sort -t. -k1,1nr -k2,2nr -k3,3nr); do
      if [ -x "$root/versions/$version/bin/python3" ] && _vp_python_ok "$root/versions/$version/bin/python3" "$min"; then
        echo "$root/versions/$version/bin/python3"
        return 0
      fi
    done
  fi
  if [ "$minor" = 3.14 ] && [ -r /etc/debian_version ]; then
    found=$("$VP_ROOT/scripts/lib/python314-debian.sh" | tail -n 1) || return 1
    if _vp_python_ok "$found" "$min"; then
      echo "$found"
      return 0
    fi
  fi
  echo "error: no Python >= $min found (install one, for example with pyenv or uv)" >&2
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

# _vp_make_venv PYTHON DIR: a venv with pip. Debian's python3.14 may lack a working ensurepip,
# so fall back to pip's own wheel, which Debian ships beside the interpreter.
_vp_make_venv() {
  local python=$1 dir=$2 wheel
  if "$python" -m venv "$dir" >&2 2>/dev/null && [ -x "$dir/bin/pip" ]; then
    return 0
  fi
  rm -rf "$dir"
  "$python" -m venv --without-pip "$dir" >&2 || return 1
  wheel=$(ls "$(dirname "$(dirname "$python")")"/share/python-wheels/pip-*.whl 2>/dev/null | head -n 1)
  [ -n "$wheel" ] || { echo "error: $python has neither ensurepip nor a pip wheel" >&2; return 1; }
  "$dir/bin/python" "$wheel/pip" install -q pip >&2
}

# vp_venv NAME REQUIREMENTS_FILE [MIN_PYTHON] -> prints the venv path; builds it when missing or
# stale. Venvs are keyed by the requirement files' content, so a changed pin builds a fresh one.
vp_venv() {
  local name=$1 req=$2 min=${3:-3.13} root=${VP_ROOT:?} python hash dir extra=()
  python=$(vp_find_python "$min") || return 1
  hash=$(cat "$root/$req" "$root/requirements_tools.txt" | "$python" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:12])')
  dir="$VP_CACHE/$name-$hash"
  if [ ! -f "$dir/.complete" ]; then
    echo ">> building $name environment in $dir with $python (first use; a few minutes)" >&2
    rm -rf "$dir"
    _vp_make_venv "$python" "$dir" || return 1
    if ! _vp_python_ok "$python" 3.13.2; then
      extra=(--ignore-requires-python)
    fi
    _vp_pip "$dir" --upgrade pip || return 1
    (cd "$root" && _vp_pip "$dir" "${extra[@]}" -r "$req") || return 1
    touch "$dir/.complete"
  fi
  echo "$dir"
}
