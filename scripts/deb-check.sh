#!/usr/bin/env bash
# Builds the Debian package, checks it with lintian, and installs it in a clean Debian 12
# root (debootstrap, minbase) to run `provider-audit --version` and `summary` on the sample
# audits there; with DISPLAY set, also opens the app on them for a few seconds (the X socket
# is shared into the root). Needs root, debootstrap, lintian, cargo-deb and a Debian mirror.
#
# Usage: scripts/deb-check.sh [ROOT]   (default: a new temporary folder, removed afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
cargo deb --no-build
deb="$(ls -t target/debian/provider-audit_*_amd64.deb | head -n1)"
echo "deb-check: lintian $deb"
lintian --fail-on error,warning "$deb"
root="${1:-}"
cleanup=false
if [ -z "$root" ]; then
    root="$(mktemp -d)/bookworm"
    cleanup=true
fi
if [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi
mounted=()
finish() {
    for point in "${mounted[@]}"; do umount "$point" || true; done
    if $cleanup; then rm -rf "$(dirname "$root")"; fi
}
trap finish EXIT
mount -t proc proc "$root/proc" && mounted+=("$root/proc")
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/provider-audit.deb"
rm -rf "$root/tmp/samples" && cp -r sample_audits "$root/tmp/samples"
chroot "$root" bash -c "apt-get update -q >/dev/null && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/provider-audit.deb >/dev/null"
echo "deb-check: installed"
chroot "$root" provider-audit --version
chroot "$root" bash -c "cd /tmp/samples && provider-audit summary *.ron 2>/dev/null | head -n 9"
test -f "$root/usr/share/man/man1/provider-audit.1.gz"
test -f "$root/usr/share/applications/io.github.provider_audit.ProviderAudit.desktop"
if [ -n "${DISPLAY:-}" ] && [ -d /tmp/.X11-unix ]; then
    mkdir -p "$root/tmp/.X11-unix"
    mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix" && mounted+=("$root/tmp/.X11-unix")
    chroot "$root" bash -c "cd /tmp/samples && HOME=/tmp timeout 10 provider-audit *.ron" \
        && status=0 || status=$?
    # 124: still running after 10 s, as a window does.
    [ "$status" -eq 124 ] && echo "deb-check: the app ran for 10 s" || { echo "deb-check: the app exited $status"; exit 1; }
fi
chroot "$root" bash -c "DEBIAN_FRONTEND=noninteractive apt-get remove -y -q provider-audit >/dev/null"
chroot "$root" bash -c "! command -v provider-audit"
echo "deb-check: removed again; all passed"
