#!/usr/bin/env bash
# How `pobox story new` scales with the number of branches. To pick an id no branch has
# used, it reads the story folder of every local and remote-tracking branch.
#
#   bash bench/branches.sh                  # N=1000 stories, B=1000 branches, RUNS=7
#   STORIES=10000 BRANCHES=2000 RUNS=5 bash bench/branches.sh
#
# It makes a workspace of STORIES stories with ../shared/bench/gen-corpus, commits it on
# `main` (repository `one`: a single branch), then copies it to a second repository (`many`)
# with BRANCHES more branches, each adding a story of its own in a commit on top of main
# (written with one `git fast-import`, so the setup is quick). It builds pobox in release
# mode, checks that `story new` in `many` takes the number after every branch's stories,
# then times `pobox story new "Bench"` alternately in both repositories (one warm-up each,
# then RUNS runs; the new file is deleted after each run) and prints the medians and their
# ratio (many/one). The baseline is git itself reading the same folder of every branch
# (`git for-each-ref … | git cat-file --batch`): the least a scan of every branch costs.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
stories=${STORIES:-1000}
branches=${BRANCHES:-1000}
runs=${RUNS:-7}
gen=${GEN_CORPUS:-"$root/../shared/bench/gen-corpus"}

say() { printf '%s\n' "$*" >&2; }

say "building pobox (release)…"
(cd "$root" && cargo build --release --quiet)
pobox="${CARGO_TARGET_DIR:-"$root/target"}/release/pobox"
[[ -x $pobox ]] || { say "no binary at $pobox"; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp POBOX_TODAY=2026-11-22
git config --global user.name bench
git config --global user.email bench@example.com

say "generating $stories stories…"
python3 "$gen" "$tmp/one" --stories "$stories" >&2
(cd "$tmp/one" && git init -q -b main && git add -A && git commit -qm import)
cp -r "$tmp/one" "$tmp/many"

say "adding $branches branches, each with a story of its own…"
highest=$(find "$tmp/one/backlog/stories" -name 'S-*.md' | sed 's/.*S-\([0-9]*\).*/\1/' | sort -n | tail -1)
(
    cd "$tmp/many"
    main=$(git rev-parse main)
    for ((i = 1; i <= branches; i++)); do
        n=$((highest + i))
        body=$(printf -- '---\nid: S-%d\ntitle: Branch story %d\nstatus: draft\n---\n' "$n" "$i")
        printf 'commit refs/heads/feature-%d\ncommitter bench <bench@example.com> 1763800000 +0000\ndata 6\nstory\nfrom %s\nM 100644 inline backlog/stories/S-%d.md\ndata %d\n%s\n' \
            "$i" "$main" "$n" "$(( ${#body} + 1 ))" "$body"
    done | git fast-import --quiet
)
say "branches: $(git -C "$tmp/many" for-each-ref refs/heads | wc -l) in many, $(git -C "$tmp/one" for-each-ref refs/heads | wc -l) in one"

expected="S-$((highest + branches + 1))"
got=$(cd "$tmp/many" && "$pobox" story new "Check" | awk '{ print $2 }')
rm -f "$tmp/many/backlog/stories/$got.md"
if [[ $got != "$expected" ]]; then
    say "story new in many created $got, expected $expected"
    exit 2
fi

now() { local t=${EPOCHREALTIME/[.,]/}; printf '%s' "$t"; }
# measure LABEL DIR CMD...: append the wall time in seconds to $tmp/LABEL.
measure() {
    local label=$1 dir=$2
    shift 2
    local t0 t1
    t0=$(now)
    (cd "$dir" && "$@" >"$tmp/out")
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e6 }' >>"$tmp/times-$label"
}
new_story() {
    local label=$1 dir=$2
    measure "$label" "$dir" "$pobox" story new "Bench"
    rm -f "$dir/backlog/stories/$(awk '{ print $2 }' "$tmp/out").md"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -sr)"
say "date: $(date -u '+%Y-%m-%d %H:%M UTC'); runs: $runs (+1 warm-up each)"
rm -f "$tmp"/times-*
new_story warm "$tmp/one"
new_story warm "$tmp/many"
for ((i = 0; i < runs; i++)); do
    new_story one "$tmp/one"
    new_story many "$tmp/many"
    measure refs "$tmp/many" sh -c "git for-each-ref --format='%(objectname):backlog/stories' refs/heads refs/remotes | git cat-file --batch"
done
one_s=$(median <"$tmp/times-one")
many_s=$(median <"$tmp/times-many")
refs_s=$(median <"$tmp/times-refs")
say "  one:  $(tr "\n" " " <"$tmp/times-one")"
say "  many: $(tr "\n" " " <"$tmp/times-many")"
echo "| stories | branches | story new, 1 branch (s) | story new, $branches branches (s) | ratio many/one | git reading the same trees (s) | ratio pobox/git |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
awk -v s="$stories" -v b="$branches" -v o="$one_s" -v m="$many_s" -v r="$refs_s" \
    'BEGIN { printf "| %d | %d | %.3f | %.3f | %.1f | %.3f | %.2f |\n", s, b, o, m, m / o, r, m / r }'
