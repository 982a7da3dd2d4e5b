#!/usr/bin/env bash
# Installs everything Journey Designer needs on a fresh Debian/Ubuntu machine:
# the system libraries Qt loads (also for offscreen tests and screenshots),
# then the Python package with its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

SYSTEM_PACKAGES=(libgl1 libegl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core xvfb xauth)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  # The Chinese window, templates and runbooks need a CJK font: Noto CJK where the machine has none
  # (fc-list missing means fontconfig is not installed yet: then no font is known either).
  if [[ -z "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]]; then
    dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-noto-cjk)
  fi
fi
# The tests start a throw-away PostgreSQL server (designer/runtime/durable/pg_cluster.py looks for
# initdb on PATH, in /usr/local/bin and /usr/lib/postgresql/*/bin): install Debian's server if none is there.
has_initdb() {
  command -v initdb >/dev/null 2>&1 && return 0
  local f
  for f in /usr/local/bin/initdb /usr/lib/postgresql/*/bin/initdb; do [[ -x $f ]] && return 0; done
  return 1
}
if ! has_initdb && command -v apt-get >/dev/null 2>&1; then
  missing+=(postgresql)
fi

if ((${#missing[@]})); then
  echo "installing system packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python3 -m pip install -q --disable-pip-version-check -e '.[dev]'
