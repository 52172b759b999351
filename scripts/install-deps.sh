#!/usr/bin/env bash
# Installs the system packages provider-audit needs on Debian 12, to build, to run the
# desktop app (also under Xvfb) and to run the tests. Safe to run again.
set -euo pipefail
packages=(
    # build
    gcc libc6-dev pkg-config
    # run a window: X11/Wayland, keyboard, EGL/GL (software rendering works)
    libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0
    libwayland-client0 libwayland-egl1 libegl1 libegl-mesa0 libgl1-mesa-dri
    # a font for Chinese, Japanese and Korean names (the app falls back to it)
    fonts-wqy-microhei
    # screenshots and UI checks under a virtual display, real key events
    xvfb xauth xdotool
    # image snapshots of the UI in tests: Mesa's software Vulkan
    mesa-vulkan-drivers
    # the PDF record's tests read its text, fonts and metadata back with poppler
    poppler-utils
)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
