#!/usr/bin/env bash
# The one-key interview in a real window: X11 key events from xdotool under Xvfb, which (unlike
# kittest's key presses) come with the text events a window system sends for Alt+1. Creates an
# audit with Ctrl+N and Enter, types an answer, judges it with Alt+1, moves on with Alt+N,
# types a second answer, judges it with Alt+3, moves on, types a third and picks its verdict
# with Tab, Tab and Space, saves with Ctrl+S, and checks the file: the answers are exactly
# what was typed (no "1" or "n" from the shortcuts) and each has the verdict its keys gave.
#
# Usage: scripts/keyboard-check.sh [BINARY]   (default target/debug/provider-audit)
set -euo pipefail
cd "$(dirname "$0")/.."
binary="$(realpath "${1:-target/debug/provider-audit}")"
work="$(mktemp -d)"
trap 'kill "${app:-0}" "${xvfb:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
cp tests/fixtures/alpha.ron tests/fixtures/beta.ron "$work/"

display=":$((100 + RANDOM % 400))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY="$display"
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

# A home of its own: no remembered view, recent files or recovery from elsewhere.
mkdir -p "$work/home"
(cd "$work" && HOME="$work/home" XDG_DATA_HOME="$work/home" "$binary" alpha.ron beta.ron \
    >"$work/app.log" 2>&1) &
app=$!
window=""
for _ in $(seq 100); do
    window="$(xdotool search --onlyvisible --name 'provider-audit' 2>/dev/null | head -n1 || true)"
    [ -n "$window" ] && break
    sleep 0.2
done
if [ -z "$window" ]; then
    echo "keyboard: the window did not open"; cat "$work/app.log"; exit 1
fi
# No window manager under Xvfb: the keyboard goes to the window under the pointer.
sleep 1.5
xdotool mousemove --window "$window" 800 500 2>/dev/null || true
xdotool windowfocus "$window" 2>/dev/null || true
sleep 0.5

keys() { xdotool key --delay 120 "$@"; sleep 0.6; }
typed() { xdotool type --delay 60 "$1"; sleep 0.6; }

keys ctrl+n                       # New audit: the Provider field has the focus
typed "Keyboard Test AB"
keys Return                       # Enter creates it; the interview opens on the Answer field
sleep 1.5
typed "abc"
keys alt+1                        # Meets, without typing "1"
keys alt+n                        # the next question, without typing "n"
typed "second"
keys alt+3                        # Gap
keys alt+n
typed "third"
keys Tab Tab space                # Tab leaves the Answer for the verdicts: Meets, then Partial
keys ctrl+s
sleep 1.5

audit="$work/keyboard-test-ab.ron"
failed=0
check() {
    if grep -qF -- "$1" "$audit" 2>/dev/null; then
        echo "keyboard: ok: $2"
    else
        echo "keyboard: FAILED: $2 (no \`$1\` in $audit)"; failed=1
    fi
}
if [ ! -f "$audit" ]; then
    echo "keyboard: FAILED: Ctrl+N, the name and Enter wrote no audit"; cat "$work/app.log"
    echo "keyboard: 0 passed, 1 failed"
    exit 1
fi
check '(answer: "abc", verdict: Meets)' \
    'the first answer is what was typed (nothing from Alt+1 or Alt+N) and Alt+1 judged it Meets'
check '(answer: "second", verdict: Gap)' \
    'the second answer is what was typed and Alt+3 judged it Gap'
check '(answer: "third", verdict: Partial)' \
    'Tab from the Answer field goes to the verdicts (Tab, Tab, Space picks Partial)'
if grep -qE 'answer: "abc(1|n)' "$audit"; then
    echo "keyboard: FAILED: a shortcut typed into the answer"; failed=1
fi
if [ "$failed" -ne 0 ]; then
    grep -n 'answer: "\(abc\|second\|third\)' "$audit" || true
    echo "keyboard: 0 passed, 1 failed"
    exit 1
fi
echo "keyboard: 1 passed, 0 failed"
