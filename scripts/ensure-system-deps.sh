#!/usr/bin/env bash
# Makes sure the machine has what the harness needs outside Python and npm:
# a Chromium for Playwright, CJK fonts (or every screenshot shows boxes for Chinese)
# and Node.js for the report generator. As root it installs what is missing with apt;
# otherwise it says exactly what to install and fails.
set -euo pipefail

missing_apt=()
problems=()

have_managed_browser() {
  compgen -G "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}/chromium-*/chrome-linux*/chrome" >/dev/null
}

have_browser() {
  [ -n "${BROWSER_PATH:-}" ] && [ -x "${BROWSER_PATH}" ] && return 0
  have_managed_browser && return 0
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    command -v "$name" >/dev/null 2>&1 && return 0
  done
  return 1
}

have_browser || { missing_apt+=(chromium); problems+=("no Chromium/Chrome (Playwright's own browser download is not needed)"); }
# The headless shell runs the suite about twice as fast as the full browser in headless mode
# (README, Speed). Recommended, not required: without it the suite runs on chromium.
if [ -z "${BROWSER_PATH:-}" ] && ! have_managed_browser && ! command -v chromium-headless-shell >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    missing_apt+=(chromium-headless-shell); problems+=("no chromium-headless-shell (the fast headless browser)")
  else
    echo "Note: 'apt-get install chromium-headless-shell' makes the headless suite about twice as fast." >&2
  fi
fi
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
  missing_apt+=(fonts-noto-cjk fontconfig); problems+=("no CJK font: Chinese would render as boxes in screenshots")
fi
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { missing_apt+=(nodejs npm); problems+=("no Node.js/npm for the Allure report generator"); }
python3 -c 'import venv, ensurepip' 2>/dev/null || { missing_apt+=(python3-venv); problems+=("python3 cannot create a virtual environment"); }

[ ${#missing_apt[@]} -eq 0 ] && exit 0

printf 'System packages missing:\n'; printf '  - %s\n' "${problems[@]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing with apt-get: ${missing_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" >/dev/null
  exit 0
fi
echo "Install them, then run make again:"
echo "  sudo apt-get install ${missing_apt[*]}"
echo "(or point BROWSER_PATH at an installed Chrome/Chromium)"
exit 1
