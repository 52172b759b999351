#!/usr/bin/env bash
# The supply-chain check with cargo-deny (licences, duplicate versions, sources), by deny.toml.
# Not run in CI: compiling cargo-deny takes longer than CI's budget allows; CI runs the test
# `licences` of the core crate over `cargo metadata` with the same allow list instead.
# The advisory database cannot be fetched on this project's machines; with network access,
# also run `cargo deny check advisories`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-deny >/dev/null; then
    echo "cargo-deny is not installed: cargo install --locked cargo-deny" >&2
    exit 2
fi
exec cargo deny check licenses bans sources "$@"
