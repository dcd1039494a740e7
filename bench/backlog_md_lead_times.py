#!/usr/bin/env python3
"""Lead times of a Backlog.md repository computed straight from git, without pobox: the
check for `pobox import backlog-md --with-history` (docs/performance.md, "Import with
history").

For every commit reachable from HEAD (parents before children), the task files it changed
against its first parent are read; a task is known by the numbers of its id (`task-90` and
`back-90` are one task, as Backlog.md's change of prefix made them), drafts apart. A task's
lead time is the days from its `created_date` to the commit date (UTC) of the first commit
that shows it done, for tasks seen not done before (a task first seen done has no known
finish, as pobox's metrics say). Archived tasks are left out: pobox imports an archived task
as dropped unless it was done. Prints the count and P50/P85/P95 (nearest rank).

Usage: bench/backlog_md_lead_times.py /path/to/Backlog.md-clone
"""
import datetime
import math
import re
import subprocess
import sys

repo = sys.argv[1]


def git(*args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout


TASK_DIRS = ("backlog/tasks/", "backlog/completed/")
commits = git("log", "--topo-order", "--reverse", "--format=%ct %H %P", "HEAD").decode().split("\n")
cat = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def blob(oid):
    cat.stdin.write(oid.encode() + b"\n")
    cat.stdin.flush()
    header = cat.stdout.readline().split()
    if header[-1] == b"missing":
        return ""
    data = cat.stdout.read(int(header[2]))
    cat.stdout.read(1)
    return data.decode("utf-8", "replace")


def field(text, key):
    m = re.search(r"^" + key + r":\s*['\"]?([^'\"\n]*)", text, re.M)
    return m.group(1).strip() if m else None


def task_key(task_id):
    if task_id is None or task_id.lower().startswith("draft-"):
        return None
    m = re.search(r"-(\d+(?:\.\d+)*)$", task_id.strip())
    return tuple(int(n) for n in m.group(1).split(".")) if m else None


seen = {}  # key -> (created date, done date or None, seen not done)
for line in commits:
    if not line:
        continue
    ids = line.split()
    when, commit, parents = int(ids[0]), ids[1], ids[2:]
    day = datetime.datetime.fromtimestamp(when, datetime.timezone.utc).date()
    args = ["diff-tree", "-r", "--no-commit-id", "--no-renames"]
    args += [parents[0], commit] if parents else ["--root", commit]
    for row in git(*args, "--", *TASK_DIRS).decode().splitlines():
        meta, path = row.split("\t", 1)
        new = meta.split()[3]
        if set(new) == {"0"} or not path.endswith(".md"):
            continue
        text = blob(new)
        key = task_key(field(text, "id"))
        if key is None:
            continue
        done = (field(text, "status") or "").lower() == "done"
        created = field(text, "created_date")
        created = datetime.date.fromisoformat(created[:10]) if created and re.match(r"\d{4}-\d\d-\d\d", created) else None
        c, d, before = seen.get(key, (created, None, False))
        if done and d is None and before:
            d = day
        seen[key] = (c or created, d, before or not done)

leads = sorted((d - c).days for c, d, _ in seen.values() if c and d)


def rank(p):
    return leads[max(0, math.ceil(p / 100 * len(leads)) - 1)]


print(f"tasks finished in git: {len(leads)}; lead time days P50 {rank(50)} P85 {rank(85)} P95 {rank(95)}")
