#!/usr/bin/env bash
# Provide a CPython 3.14 on a Debian machine that has none: Home Assistant >= 2026.3 needs
# Python >= 3.14.2, and Debian 12 (bookworm) ships 3.11 only.
#
#   scripts/lib/python314-debian.sh [PREFIX]      default: $VP_CACHE/python3.14-debian
#
# The interpreter and the shared libraries it needs come from Debian's own "unstable" suite,
# fetched with apt-get from the mirror that the machine's apt sources already use (signatures
# checked against the system's Debian keyring). apt-get runs with private state directories, and
# the packages are unpacked with dpkg-deb into PREFIX: the machine's package database, apt lists
# and C library stay untouched. Unstable's glibc is newer than bookworm's, so patchelf points the
# interpreter at PREFIX's own loader and library directory. manylinux wheels work as usual.
#
# Idempotent: a PREFIX whose interpreter already imports the C extensions HA needs is reused.
# The last line printed is the interpreter's path.
set -euo pipefail

prefix=${1:-${VP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/video_pipeline}/python3.14-debian}
python=$prefix/root/usr/bin/python3.14
probe='import ssl, sqlite3, ctypes, lzma, bz2, decimal, zlib, hashlib, uuid'

# Debian's pyconfig.h includes its multiarch twin as <x86_64-linux-gnu/python3.14/pyconfig.h>,
# which a compiler only finds under /usr/include. Point it at PREFIX's copy instead, so packages
# without a 3.14 wheel still build from source in a venv of this interpreter.
fix_headers() {
  local header=$prefix/root/usr/include/python3.14/pyconfig.h
  if [ -f "$header" ]; then
    sed -i -E 's|#( *)include <([a-z0-9_]+-linux-gnu)/python3\.14/pyconfig\.h>|#\1include "../\2/python3.14/pyconfig.h"|' "$header"
  fi
}

if [ -x "$python" ] && "$python" -c "$probe" 2>/dev/null; then
  fix_headers
  echo "$python"
  exit 0
fi

[ -r /etc/debian_version ] || { echo "error: not a Debian machine; install Python 3.14 another way" >&2; exit 1; }
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
if ! command -v patchelf >/dev/null 2>&1; then
  "${sudo[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq patchelf >/dev/null
fi

# The mirror the machine already trusts, in deb822 (.sources) or one-line (.list) form.
mirror=$(grep -hoE '^URIs: *[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 | sed 's/^URIs: *//' || true)
if [ -z "$mirror" ]; then
  mirror=$(grep -hoE '^deb +(\[[^]]*\] +)?[^ ]+/debian/? ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    head -n 1 | awk '{print $NF}' || true)
fi
[ -n "$mirror" ] || { echo "error: no Debian mirror found in /etc/apt sources" >&2; exit 1; }

arch=$(dpkg --print-architecture)
case "$arch" in
  amd64) triplet=x86_64-linux-gnu loader=ld-linux-x86-64.so.2 ;;
  arm64) triplet=aarch64-linux-gnu loader=ld-linux-aarch64.so.1 ;;
  *) echo "error: unsupported architecture $arch" >&2; exit 1 ;;
esac

apt_dir=$prefix/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$prefix/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" >"$apt_dir/sources.list"
: >"$apt_dir/status"
apt_private=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
  -o "Dir::State::Status=$apt_dir/status" -o "APT::Architecture=$arch"
  -o Debug::NoDropPrivs=1 -o APT::Sandbox::User=root
)
echo ">> fetching Python 3.14 from Debian unstable into $prefix (about a minute)" >&2
apt-get "${apt_private[@]}" update -qq >/dev/null

# The interpreter, its standard library, venv support, headers for wheels that compile, and every
# shared library the interpreter or its extension modules link against.
packages=(
  python3.14 python3.14-minimal python3.14-venv python3.14-dev
  libpython3.14 libpython3.14-minimal libpython3.14-stdlib libpython3.14-dev
  libc6 libcrypt1 libgcc-s1 libstdc++6 libexpat1 zlib1g libssl3t64 libffi8 libbz2-1.0 liblzma5
  libzstd1 libsqlite3-0 libuuid1 libmpdec4 libncursesw6 libtinfo6 libreadline8t64 libdb5.3t64
  libnsl2 libtirpc3t64 python3-pip-whl python3-setuptools-whl
)
rm -f "$prefix"/debs/*.deb
(cd "$prefix/debs" && apt-get "${apt_private[@]}" download -qq "${packages[@]}" >/dev/null)

rm -rf "$prefix/root"
mkdir -p "$prefix/root"
for deb in "$prefix"/debs/*.deb; do
  dpkg-deb -x "$deb" "$prefix/root"
done
libdir=$prefix/root/usr/lib/$triplet
patchelf --set-interpreter "$libdir/$loader" --force-rpath \
  --set-rpath "$libdir:$prefix/root/lib/$triplet" "$python"
"$python" -c "$probe"
fix_headers
echo "$python"
