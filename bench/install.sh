#!/usr/bin/env bash
# Installs the peers and tools the comparisons need, from Debian packages, if missing:
#   nginx (nginx-light), wrk, hugo, postfix (for /usr/sbin/smtp-sink), time (GNU time -v),
#   and for the photos comparison Chromium and Node.js (with npm, for playwright-core).
# No daemon is left running: nginx and postfix are only wanted for their binaries, which
# bench/run starts itself on 127.0.0.1 with its own configuration.
set -euo pipefail

missing=()
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
[[ -x /usr/sbin/smtp-sink ]] || missing+=(postfix)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]} == 0)); then
  exit 0
fi

SUDO=()
if [[ $(id -u) != 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "bench: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "bench: installing ${missing[*]}" >&2
# Debian's maintainer scripts start nginx and postfix as system services. A policy-rc.d
# that answers 101 ("action forbidden") stops invoke-rc.d from doing that; container images
# usually ship one already, and then it is left alone. Ours is removed afterwards.
own_policy=0
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
  "${SUDO[@]}" chmod 755 /usr/sbin/policy-rc.d
  own_policy=1
fi
postfix_was_running=0
if [[ -x /usr/sbin/postfix ]] && "${SUDO[@]}" /usr/sbin/postfix status >/dev/null 2>&1; then
  postfix_was_running=1
fi

cleanup() {
  if ((own_policy)); then "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d; fi
}
trap cleanup EXIT

# "No configuration": postfix installs its programs without a main.cf and asks nothing.
echo "postfix postfix/main_mailer_type select No configuration" | "${SUDO[@]}" debconf-set-selections
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2

# Belt and braces: if a postfix master or a system nginx got started by the install anyway
# (a machine with systemd and no policy-rc.d), stop it again.
if ((!postfix_was_running)) && "${SUDO[@]}" /usr/sbin/postfix status >/dev/null 2>&1; then
  echo "bench: stopping the postfix daemon the install started" >&2
  "${SUDO[@]}" /usr/sbin/postfix stop >&2 || true
fi
if [[ " ${missing[*]} " == *" nginx-light "* ]] && [[ -s /run/nginx.pid ]]; then
  echo "bench: stopping the system nginx the install started" >&2
  "${SUDO[@]}" nginx -s stop >&2 || true
fi
