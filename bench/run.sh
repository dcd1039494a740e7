#!/usr/bin/env bash
# Benchmark pobox against reading the same files with cat, in the same run.
#
#   bash bench/run.sh                       # every scenario, N = 1000 10000 100000
#   SCENARIOS="list validate" SIZES="10000 100000" RUNS=3 bash bench/run.sh
#   CORPUS_DIR=/tmp/corpus bash bench/run.sh
#
# For each N it uses (or generates, then reuses) a workspace with N stories made by
# ../shared/bench/gen-corpus (`c<N>`, a plain folder) and a copy of it committed to a new
# git repository (`g<N>`, where pobox keeps its parse cache in .git/pobox), builds pobox in
# release mode, and measures, alternating with the baseline so both see the same machine
# state, one warm-up each then RUNS measured runs:
#   baseline          find backlog -name '*.md' -print0 | xargs -0 cat >/dev/null
#   list              pobox story list --format json            (plain folder: no cache)
#   list-git          the same in the git repository            (warm parse cache)
#   validate          pobox validate --format json              (plain folder)
#   validate-git      the same in the git repository            (warm parse cache)
#   staged            pobox validate --staged --format short    (git repository, one staged file)
#   report            pobox report sprint --current --format md, in a workspace made with
#                     gen-corpus --git --sprints ${SPRINTS:-50} (`h<N>`), against the baseline
#                     git log --name-status -- backlog (only when asked for: SCENARIOS=report)
#   prioritize        pobox prioritize --format json            (plain folder)
#   prioritize-git    the same in the git repository            (warm parse cache)
#   import            pobox import backlog-md of a Backlog.md project of N tasks made by
#                     bench/gen-backlog-md (`b<N>`), into a fresh committed workspace each
#                     run, against the baseline cp -r of the same backlog/ folder (only when
#                     asked for: SCENARIOS=import); with BASELINE_POBOX=<binary>, that
#                     binary's import is measured in the same runs, as a row of its own
#   search            pobox search ${SEARCH_TEXT:-webhook} --format json   (plain folder),
#                     against the baseline grep -ri ${SEARCH_TEXT:-webhook} backlog
#   search-git        the same in the git repository            (warm parse cache)
# Wall time is the median; CPU time (user + system, from /usr/bin/time) is the median too,
# and steadier than wall time on a shared machine; peak RSS (maximum resident set size) is
# the largest over pobox's runs. It prints the machine, then a Markdown table.
#
# Environment:
#   SCENARIOS   which to run (default "list list-git validate validate-git staged prioritize
#               prioritize-git search search-git")
#   SEARCH_TEXT the word the search scenarios look for (default "webhook")
#   SIZES       story counts to measure (default "1000 10000 100000")
#   RUNS        measured runs per command and size, after one warm-up (default 5)
#   CORPUS_DIR  folder holding workspaces named c<N> (default: $TMPDIR/pobox-bench);
#               a missing c<N> is generated there
#   GEN_CORPUS  the generator (default: ../shared/bench/gen-corpus beside this checkout)
#   BASELINE_POBOX  another pobox binary (an older commit's release build) whose import is
#               measured alongside, for the import scenario
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=${SIZES:-"1000 10000 100000"}
runs=${RUNS:-5}
corpus_dir=${CORPUS_DIR:-"${TMPDIR:-/tmp}/pobox-bench"}
gen=${GEN_CORPUS:-"$root/../shared/bench/gen-corpus"}

say() { printf '%s\n' "$*" >&2; }

# GNU time gives peak RSS; Debian ships it as the `time` package.
if [[ ! -x /usr/bin/time ]]; then
    say "installing GNU time (/usr/bin/time)…"
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null
fi

say "building pobox (release)…"
(cd "$root" && cargo build --release --quiet)
target_dir=${CARGO_TARGET_DIR:-"$root/target"}
pobox="$target_dir/release/pobox"
[[ -x $pobox ]] || { say "no binary at $pobox"; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# now: microseconds since the epoch (bash 5's EPOCHREALTIME), for wall times finer than
# /usr/bin/time's 10 ms, which matters for the small workspaces.
now() { local t=${EPOCHREALTIME/[.,]/}; printf '%s' "$t"; }

# measure LABEL DIR CMD...: run CMD in DIR under /usr/bin/time; append "seconds rss_kib
# cpu_seconds" to $tmp/LABEL. Fails if the command fails.
measure() {
    local label=$1 dir=$2
    shift 2
    local t0 t1
    t0=$(now)
    (cd "$dir" && /usr/bin/time -f '%M %x %U %S' -o "$tmp/time.out" "$@" >/dev/null)
    t1=$(now)
    local rss code user sys
    read -r rss code user sys <"$tmp/time.out"
    # validate exits 1 when it finds problems (the generated backlogs have some).
    if [[ $code != 0 && $code != 1 ]]; then
        say "$label failed (exit $code) in $dir: $*"
        exit 2
    fi
    printf '%s %s %s\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e6 }')" "$rss" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" >>"$tmp/$label"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -sr)"
say "memory: $(free -h | awk '/^Mem:/ { print $2 " total, " $7 " available" }')"
say "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
say "pobox: $("$pobox" --version 2>/dev/null || echo unknown), runs per command: $runs (+1 warm-up)"

scenarios=${SCENARIOS:-"list list-git validate validate-git staged prioritize prioritize-git search search-git"}
search_text=${SEARCH_TEXT:-webhook}

# command_for SCENARIO: the pobox arguments.
command_for() {
    case $1 in
        list | list-git) echo "story list --format json" ;;
        validate | validate-git) echo "validate --format json" ;;
        staged) echo "validate --staged --format short" ;;
        prioritize | prioritize-git) echo "prioritize --format json" ;;
        report) echo "report sprint --current --format md" ;;
        search | search-git) echo "search $search_text --format json" ;;
    esac
}

# baseline_for SCENARIO: what pobox is compared with. Reports read git history, so their
# baseline is git listing the same history.
baseline_for() {
    case $1 in
        report) echo "git log --name-status -- backlog" ;;
        search | search-git) echo "grep -ri $search_text backlog" ;;
        *) echo "find backlog -name '*.md' -print0 | xargs -0 cat" ;;
    esac
}

# import_case N: the import scenario for N tasks (see the header).
import_case() {
    local n=$1 src="$corpus_dir/b$1" template="$tmp/template" label
    if [[ ! -f $src/backlog/config.yml ]]; then
        say "generating a Backlog.md project of $n tasks in $src…"
        python3 "$root/bench/gen-backlog-md" "$src" --tasks "$n" >&2
    fi
    local files
    files=$(find "$src/backlog" -name '*.md' | wc -l)
    rm -rf "$template" && mkdir -p "$template"
    (cd "$template" && git init -q && "$pobox" init >/dev/null && git add -A \
        && git -c user.name=bench -c user.email=bench@example.com commit -qm init)
    local binaries=("pobox=$pobox")
    [[ -n ${BASELINE_POBOX:-} ]] && binaries+=("baseline=$BASELINE_POBOX")
    rm -f "$tmp"/cat "$tmp"/pobox "$tmp"/baseline
    say "N=$n import: $files files; warm-up, then $runs alternating runs…"
    for ((i = -1; i < runs; i++)); do
        label=cat
        ((i < 0)) && label=warm
        rm -rf "$tmp/copy"
        measure "$label" "$tmp" cp -r "$src/backlog" "$tmp/copy"
        for b in "${binaries[@]}"; do
            label=${b%%=*}
            ((i < 0)) && label=warm
            rm -rf "$tmp/ws" && cp -r "$template" "$tmp/ws"
            measure "$label" "$tmp/ws" "${b#*=}" import backlog-md "$src"
        done
    done
    rm -rf "$tmp/copy" "$tmp/ws"
    local cat_s cat_cpu
    cat_s=$(cut -d' ' -f1 "$tmp/cat" | median)
    cat_cpu=$(cut -d' ' -f3 "$tmp/cat" | median)
    say "  cp -r runs: $(cut -d' ' -f1 "$tmp/cat" | tr '\n' ' ')"
    for b in "${binaries[@]}"; do
        label=${b%%=*}
        say "  $label runs: $(cut -d' ' -f1 "$tmp/$label" | tr '\n' ' ')"
        local p_s p_cpu rss
        p_s=$(cut -d' ' -f1 "$tmp/$label" | median)
        p_cpu=$(cut -d' ' -f3 "$tmp/$label" | median)
        rss=$(cut -d' ' -f2 "$tmp/$label" | sort -g | tail -1)
        local name=import
        [[ $label == baseline ]] && name="import (BASELINE_POBOX)"
        rows+=("$(awk -v s="$name" -v n="$n" -v f="$files" -v c="$cat_s" -v p="$p_s" -v r="$rss" \
            -v cc="$cat_cpu" -v pc="$p_cpu" \
            'BEGIN { printf "| %s | %d | %d | %.3f | %.3f | %.2f | %.2f | %.2f | %s | %.1f |", s, n, f, c, p, p / c, cc, pc, (cc > 0 ? sprintf("%.2f", pc / cc) : "-"), r / 1024 }')")
    done
}

rows=()
for n in $sizes; do
    # The import scenario brings its own source; alone, it needs no pobox workspace.
    if [[ $scenarios == import ]]; then
        import_case "$n"
        continue
    fi
    ws="$corpus_dir/c$n"
    if [[ ! -f $ws/pobox.yaml ]]; then
        say "generating $n stories in $ws…"
        mkdir -p "$corpus_dir"
        python3 "$gen" "$ws" --stories "$n" >&2
    fi
    git_ws="$corpus_dir/g$n"
    if [[ ! -d $git_ws/.git ]]; then
        say "committing a copy of it to a git repository in $git_ws…"
        rm -rf "$git_ws"
        cp -r "$ws" "$git_ws"
        (cd "$git_ws" && git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -qm import)
    fi
    # One staged change for the `staged` scenario: a title edited in the index only.
    (cd "$git_ws" && git reset -q && git checkout -q -- . \
        && sed -i 's/^title: \(.*\)$/title: \1 (edited)/' backlog/stories/S-1.md && git add backlog/stories/S-1.md)
    files=$(find "$ws/backlog" -name '*.md' | wc -l)
    stories=$(find "$ws/backlog/stories" -name '*.md' | wc -l)

    # Check once that pobox really lists every story, so an error path is never timed.
    listed=$(cd "$ws" && "$pobox" story list --format json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))')
    if [[ $listed != "$stories" ]]; then
        say "pobox listed $listed stories in $ws, expected $stories"
        exit 2
    fi

    for scenario in $scenarios; do
        if [[ $scenario == import ]]; then
            import_case "$n"
            continue
        fi
        dir=$ws
        [[ $scenario == *git || $scenario == staged ]] && dir=$git_ws
        if [[ $scenario == report ]]; then
            # A workspace with a multi-sprint history: N stories, SPRINTS two-week sprints.
            dir="$corpus_dir/h$n"
            if [[ ! -d $dir/.git ]]; then
                say "generating $n stories with ${SPRINTS:-50} sprints of history in $dir…"
                python3 "$gen" "$dir" --stories "$n" --git --sprints "${SPRINTS:-50}" >&2
            fi
        fi
        baseline=$(baseline_for "$scenario")
        read -r -a args <<<"$(command_for "$scenario")"
        rm -f "$tmp/cat" "$tmp/pobox"
        say "N=$n $scenario: $files files; warm-up, then $runs alternating runs…"
        measure warm "$dir" sh -c "$baseline"
        measure warm "$dir" "$pobox" "${args[@]}"
        for ((i = 0; i < runs; i++)); do
            measure cat "$dir" sh -c "$baseline"
            measure pobox "$dir" "$pobox" "${args[@]}"
        done
        cat_s=$(cut -d' ' -f1 "$tmp/cat" | median)
        pobox_s=$(cut -d' ' -f1 "$tmp/pobox" | median)
        rss_kib=$(cut -d' ' -f2 "$tmp/pobox" | sort -g | tail -1)
        cat_cpu=$(cut -d' ' -f3 "$tmp/cat" | median)
        pobox_cpu=$(cut -d' ' -f3 "$tmp/pobox" | median)
        say "  cat runs:   $(cut -d' ' -f1 "$tmp/cat" | tr '\n' ' ')"
        say "  pobox runs: $(cut -d' ' -f1 "$tmp/pobox" | tr '\n' ' ')"
        rows+=("$(awk -v s="$scenario" -v n="$n" -v f="$files" -v c="$cat_s" -v p="$pobox_s" -v r="$rss_kib" \
            -v cc="$cat_cpu" -v pc="$pobox_cpu" \
            'BEGIN { printf "| %s | %d | %d | %.3f | %.3f | %.2f | %.2f | %.2f | %s | %.1f |", s, n, f, c, p, p / c, cc, pc, (cc > 0 ? sprintf("%.2f", pc / cc) : "-"), r / 1024 }')")
    done
done

echo "| scenario | N | files | baseline median s | pobox median s | ratio | baseline CPU s | pobox CPU s | CPU ratio | pobox peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
