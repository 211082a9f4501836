#!/usr/bin/env bash
# Proves the README's test command on a bare Debian 12: creates (once) a
# `debootstrap --variant=minbase bookworm` chroot, clones this repository's
# HEAD into it and runs ./test.sh there, which must install everything itself.
# Run as root on a Debian host: scripts/prove_in_chroot.sh [CHROOT_DIR]
# If the host reaches the network through a proxy with its own CA (as some
# sandboxes do), the host's extra CAs are copied in; a plain machine has none.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/var/tmp/sitrep-bare}
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
[ -x "$dir/bin/bash" ] || debootstrap --variant=minbase bookworm "$dir" http://deb.debian.org/debian
cp /etc/resolv.conf "$dir/etc/resolv.conf"
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$dir/usr/local/share/ca-certificates/"
  chroot "$dir" update-ca-certificates >/dev/null 2>&1 || true
fi
mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc"
mountpoint -q "$dir/dev" || mount --rbind /dev "$dir/dev"
mountpoint -q "$dir/tmp" || mount -t tmpfs tmpfs "$dir/tmp"
rm -rf "$dir/root/sitrep"
git clone -q "$repo" "$dir/root/sitrep"
chroot "$dir" /usr/bin/env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
  /bin/bash -c 'cd /root/sitrep && time ./test.sh'
