#!/usr/bin/env bash
# Regenerate the screenshots of docs/getting-started.md from the demo workspace:
#   bash docs/img/make-screenshots.sh [path/to/pobox]
# Needs Debian's headless Chromium (/usr/bin/chromium, `apt-get install chromium`); pobox
# defaults to a debug build of this checkout. The pictures are PNGs of a 1000-pixel-wide
# window, well under 200 KB each.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pobox="${1:-}"
if [[ -z "$pobox" ]]; then
    (cd "$here/../.." && cargo build --quiet)
    pobox="${CARGO_TARGET_DIR:-$here/../../target}/debug/pobox"
fi
chromium="${CHROMIUM:-/usr/bin/chromium}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$pobox" demo "$work/demo" >/dev/null
cd "$work/demo"
# The demo's history ends on 2026-10-14: make the pages as of that day.
export POBOX_TODAY=2026-10-14
"$pobox" report sprint SP-2 --format html --out "$work/sprint-report.html" >/dev/null
"$pobox" site --out "$work/site" >/dev/null

shot() { # shot PAGE PNG HEIGHT
    "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --force-device-scale-factor=1 \
        --user-data-dir="$work/profile" --window-size="1000,$3" \
        --screenshot="$2" "file://$1" 2>/dev/null
    echo "wrote $2 ($(wc -c <"$2") bytes)"
}
shot "$work/sprint-report.html" "$here/sprint-report.png" 1100
shot "$work/site/index.html" "$here/site-home.png" 900
