#!/usr/bin/env python3
"""List the risky changes in a Terraform/OpenTofu plan: deletes, replacements, drift.

Needs only the Python 3 standard library (3.8+). Input is the JSON form of a saved plan:

    terraform plan -out=tfplan
    terraform show -json tfplan > plan.json
    python3 scripts/plan_risks.py plan.json            # or: ... | python3 scripts/plan_risks.py -

Options:
    --fail-on delete,replace   exit 2 if any change of these kinds is found (default: delete,replace)
    --fail-on none             never fail on findings, just report
    --protect TYPE[,TYPE...]   resource types (e.g. aws_db_instance) whose delete/replace is called out
    --json                     print findings as JSON instead of text

Exit codes: 0 nothing flagged, 2 flagged changes found, 1 unusable input.
"""
import argparse
import json
import sys

KINDS = ("delete", "replace", "update", "create", "read", "no-op", "forget")  # forget: removed block, destroy = false


def classify(actions):
    """Map a documented `change.actions` list to one kind."""
    a = list(actions or [])
    if a in (["delete", "create"], ["create", "delete"]):
        return "replace"
    if len(a) == 1 and a[0] in KINDS:
        return a[0]
    return "unknown"


def load(path):
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    except OSError as e:
        raise SystemExit(f"error: cannot read {path}: {e.strerror}")
    try:
        plan = json.loads(text)
    except json.JSONDecodeError as e:
        raise SystemExit(
            f"error: {path} is not JSON ({e.msg}). Pass the output of `terraform show -json tfplan`, "
            "not the binary plan file."
        )
    if not isinstance(plan, dict) or "format_version" not in plan:
        raise SystemExit("error: no format_version key; this is not `terraform show -json` plan output")
    major = str(plan["format_version"]).split(".")[0]
    if major != "1":
        raise SystemExit(f"error: unsupported plan format_version {plan['format_version']} (expected 1.x)")
    if "resource_changes" not in plan and "planned_values" not in plan:
        raise SystemExit("error: this looks like state JSON, not a plan; run `terraform show -json <planfile>`")
    return plan


def findings(plan, protect):
    out = []
    for rc in plan.get("resource_changes") or []:
        change = rc.get("change") or {}
        kind = classify(change.get("actions"))
        if kind in ("no-op", "read") and not rc.get("previous_address"):
            continue
        item = {
            "address": rc.get("address", "?"),
            "type": rc.get("type", "?"),
            "kind": kind,
            "reason": rc.get("action_reason"),
            "protected": rc.get("type") in protect,
        }
        if kind == "replace":
            item["order"] = "create-before-destroy" if change.get("actions", [None])[0] == "create" else "destroy-before-create"
            paths = change.get("replace_paths") or []
            item["replace_paths"] = [".".join(str(p) for p in path) for path in paths]
        if rc.get("previous_address"):
            item["moved_from"] = rc["previous_address"]
        if (change.get("importing") or {}).get("id"):
            item["importing"] = change["importing"]["id"]
        out.append(item)
    drift = [d.get("address", "?") for d in plan.get("resource_drift") or []]
    return out, drift


def main():
    ap = argparse.ArgumentParser(description="Flag deletes and replacements in terraform show -json output.")
    ap.add_argument("plan", help="plan JSON file, or - for stdin")
    ap.add_argument("--fail-on", default="delete,replace")
    ap.add_argument("--protect", default="")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    fail_on = set() if args.fail_on == "none" else {k.strip() for k in args.fail_on.split(",") if k.strip()}
    bad = fail_on - set(KINDS)
    if bad:
        raise SystemExit(f"error: --fail-on accepts {', '.join(KINDS)} or none; got {', '.join(sorted(bad))}")
    protect = {t.strip() for t in args.protect.split(",") if t.strip()}

    plan = load(args.plan)
    items, drift = findings(plan, protect)
    counts = {k: sum(1 for i in items if i["kind"] == k) for k in ("create", "update", "replace", "delete")}
    flagged = [i for i in items if i["kind"] in fail_on]

    if args.json:
        print(json.dumps({"counts": counts, "changes": items, "drift": drift, "flagged": len(flagged)}, indent=2))
    else:
        print("plan: {create} to create, {update} to update, {replace} to replace, {delete} to delete".format(**counts))
        for i in items:
            if i["kind"] not in ("delete", "replace", "forget") and not i.get("moved_from") and not i.get("importing"):
                continue
            mark = "!!" if i["protected"] else "- "
            line = f"{mark} {i['kind'].upper():8} {i['address']}"
            if i.get("reason"):
                line += f"  ({i['reason']})"
            if i.get("order"):
                line += f"  [{i['order']}]"
            if i.get("replace_paths"):
                line += "  forced by: " + ", ".join(i["replace_paths"])
            if i.get("moved_from"):
                if i["kind"] in ("delete", "replace"):
                    line += f"  (moved from {i['moved_from']})"
                else:
                    line = f"   MOVED    {i['moved_from']} -> {i['address']}"
            if i.get("importing"):
                line = f"   IMPORT   {i['address']} <- {i['importing']}"
            print(line)
        if drift:
            print(f"drift: {len(drift)} resource(s) changed outside Terraform: " + ", ".join(drift))
        if flagged:
            print(f"{len(flagged)} change(s) of kind {', '.join(sorted(fail_on))} need explicit approval")
    return 2 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
