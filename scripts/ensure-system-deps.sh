#!/usr/bin/env bash
# Makes sure the machine has what the harness needs outside Python and npm:
# a Chromium for Playwright with its Chinese UI strings (the guide's screenshots show native
# controls in Chinese), the fixed font set that harness/fonts/fonts.conf pins the browser to
# (so a fresh machine draws the same pixels as guide/approved/), and Node.js for the report
# generator. As root it installs what is missing with apt;
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
# (docs/速度.md). Recommended, not required: without it the suite runs on chromium.
if [ -z "${BROWSER_PATH:-}" ] && ! have_managed_browser && ! command -v chromium-headless-shell >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    missing_apt+=(chromium-headless-shell); problems+=("no chromium-headless-shell (the fast headless browser)")
  else
    echo "Note: 'apt-get install chromium-headless-shell' makes the headless suite about twice as fast." >&2
  fi
fi
# The fixed font set: Noto Sans/Serif CJK (Chinese, and the Latin letters of the pages) and
# DejaVu (symbols Noto CJK lacks). Checked by file, as fonts.conf names their folders.
fixed_fonts=(/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf)
for font in "${fixed_fonts[@]}"; do
  if [ ! -f "$font" ]; then
    missing_apt+=(fonts-noto-cjk fonts-dejavu-core fontconfig); problems+=("the fixed font set (fonts-noto-cjk, fonts-dejavu-core): screenshots would differ from the approved ones")
    break
  fi
done
# Debian's chromium carries only American English UI strings; chromium-l10n adds the Chinese ones
# (「选择文件」 on a file input). Only the full browser uses them, not the headless shell.
if [ -z "${BROWSER_PATH:-}" ] && ! have_managed_browser && [ ! -f /usr/lib/chromium/locales/zh-CN.pak ] \
   && { command -v chromium >/dev/null 2>&1 || [[ " ${missing_apt[*]} " == *" chromium "* ]]; }; then
  missing_apt+=(chromium-l10n); problems+=("no Chinese UI strings for chromium (chromium-l10n): native controls in the guide's screenshots would be English")
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
