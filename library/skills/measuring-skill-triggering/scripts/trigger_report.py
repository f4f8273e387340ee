#!/usr/bin/env python3
"""Measure how well a skill is selected: recall on should-trigger queries, false triggers on near misses.

Needs: only the Python 3 standard library, plus the search command you measure against
(default: `cadre search --json -n K QUERY`, from the cadre CLI).

Usage:
  trigger_report.py SET.json [--k 3] [--search "cadre search --json -n {k}"] [--min-recall 0.8] [--max-false 0.1]

SET.json:
  {
    "item": "skill:extracting-pdf-text-and-tables",
    "should": ["pull the numbers out of this pdf", "pdf text comes out empty"],
    "should_not": [
      {"query": "merge these pdfs", "expect": "skill:merging-and-splitting-pdfs"},
      {"query": "what is the weather"}
    ]
  }

The search command is split like a shell line; "{k}" is replaced, and the query is appended as the last
argument. Its stdout must be cadre's JSON envelope ({"data": {"results": [{"id": ...}]}}) or a plain JSON
list of ids. A should-trigger query counts as a hit when the item is in the top k; a should-not query
counts as a false trigger when the item wins it (ranks first, or above its "expect" item). Prints a JSON report (per query: top-k ids and the verdict; totals: recall, false-trigger
rate, precision, confusions). Exit 1 when --min-recall or --max-false is given and not met, 2 on bad input.
"""
import json
import shlex
import subprocess
import sys


def fail(msg):
    print(f"trigger_report: {msg}", file=sys.stderr)
    sys.exit(2)


def ranked_ids(cmd, query):
    try:
        r = subprocess.run(cmd + [query], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        fail(f"search command failed to run: {e}")
    if r.returncode != 0:
        fail(f"search command exited {r.returncode} for {query!r}: {r.stderr.strip()[:300]}")
    try:
        out = json.loads(r.stdout)
    except json.JSONDecodeError:
        fail(f"search command did not print JSON for {query!r}: {r.stdout[:200]!r}")
    if isinstance(out, dict):
        out = out.get("data", {}).get("results", [])
    return [x["id"] if isinstance(x, dict) else str(x) for x in out]


def opt(args, flag, default):
    if flag in args:
        k = args.index(flag)
        if k + 1 >= len(args):
            fail(f"{flag} needs a value")
        value = args[k + 1]
        del args[k:k + 2]
        return value
    return default


def main():
    args = sys.argv[1:]
    k = int(opt(args, "--k", "3"))
    template = opt(args, "--search", "cadre search --json -n {k}")
    min_recall = opt(args, "--min-recall", None)
    max_false = opt(args, "--max-false", None)
    if len(args) != 1:
        fail("usage: trigger_report.py SET.json [--k 3] [--search CMD] [--min-recall R] [--max-false F]")
    try:
        with open(args[0], encoding="utf-8") as fh:
            spec = json.load(fh)
    except (OSError, json.JSONDecodeError) as e:
        fail(f"cannot read {args[0]}: {e}")
    item = spec.get("item") if isinstance(spec, dict) else None
    should = spec.get("should", []) if isinstance(spec, dict) else []
    should_not = spec.get("should_not", []) if isinstance(spec, dict) else []
    if not item or not isinstance(should, list) or not should:
        fail("SET.json needs 'item' and a non-empty 'should' list")
    should_not = [q if isinstance(q, dict) else {"query": q} for q in should_not]
    cmd = shlex.split(template.replace("{k}", str(k)))

    rows, hits, false_hits, confusions = [], 0, 0, {}
    for q in should:
        top = ranked_ids(cmd, q)[:k]
        ok = item in top
        hits += ok
        if not ok and top:
            confusions[top[0]] = confusions.get(top[0], 0) + 1
        rows.append({"query": q, "kind": "should", "top": top, "ok": ok})
    for q in should_not:
        top = ranked_ids(cmd, q["query"])[:k]
        expect = q.get("expect")
        # A near miss is a false trigger when the item wins it: ranks first, or above the item that
        # should have won. Merely appearing lower in the top k next to the right answer is not counted.
        if item not in top:
            triggered = False
        elif expect and expect in top:
            triggered = top.index(item) < top.index(expect)
        else:
            triggered = top[0] == item
        false_hits += triggered
        rows.append({"query": q["query"], "kind": "should_not", "top": top, "ok": not triggered,
                     **({"expect": expect, "expect_found": expect in top} if expect else {})})

    selections = hits + false_hits
    report = {
        "item": item,
        "k": k,
        "recall": round(hits / len(should), 3),
        "false_trigger_rate": round(false_hits / len(should_not), 3) if should_not else None,
        "precision": round(hits / selections, 3) if selections else None,
        "confusions": dict(sorted(confusions.items(), key=lambda kv: -kv[1])),
        "queries": rows,
    }
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    failed = (min_recall is not None and report["recall"] < float(min_recall)) or (
        max_false is not None and report["false_trigger_rate"] is not None
        and report["false_trigger_rate"] > float(max_false))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
