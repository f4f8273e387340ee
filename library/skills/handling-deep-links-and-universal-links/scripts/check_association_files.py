#!/usr/bin/env python3
"""Check an apple-app-site-association file and/or an assetlinks.json file before publishing them.

Needs only the Python 3 standard library (no install step). Reads local files only and makes no
network requests; to check what a server actually serves, save the response first (see the Verify
section of SKILL.md) and confirm a 200 status, a JSON content type and no redirect.

Usage:
  python3 scripts/check_association_files.py --aasa aasa.json [--app-id TEAMID.com.example.app]
  python3 scripts/check_association_files.py --assetlinks assetlinks.json \
      [--package com.example.app] [--fingerprint AB:CD:...]

Prints one line per problem and exits 1 if any were found, 2 on bad arguments or unreadable files,
0 when the files look valid (and contain the expected app id, package and fingerprint if given).
"""

import argparse
import json
import re
import sys

APP_ID = re.compile(r"^[A-Z0-9]{10}\.[A-Za-z0-9.\-]+$")
FINGERPRINT = re.compile(r"^([0-9A-F]{2}:){31}[0-9A-F]{2}$")
HANDLE_ALL = "delegate_permission/common.handle_all_urls"


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def load(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        fail(f"cannot read {path}: {e.strerror}")
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [f"{path}: starts with a UTF-8 byte-order mark; save it without one"]
    try:
        return json.loads(raw.decode("utf-8")), []
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, [f"{path}: not valid JSON ({e})"]


def check_aasa(path, want_app_id):
    data, problems = load(path)
    if data is None:
        return problems
    if not isinstance(data, dict) or not isinstance(data.get("applinks"), dict):
        return [f"{path}: missing the top-level \"applinks\" object"]
    details = data["applinks"].get("details")
    if not isinstance(details, list) or not details:
        return [f"{path}: applinks.details must be a non-empty array"]
    seen_ids = []
    for i, d in enumerate(details):
        where = f"{path}: applinks.details[{i}]"
        if not isinstance(d, dict):
            problems.append(f"{where} is not an object")
            continue
        ids = d.get("appIDs", [d["appID"]] if "appID" in d else None)
        if not isinstance(ids, list) or not ids:
            problems.append(f"{where} has no appIDs (or legacy appID)")
            ids = []
        for app_id in ids:
            if not isinstance(app_id, str) or not APP_ID.match(app_id):
                problems.append(f"{where}: {app_id!r} is not TEAMID.bundle.id (10-character team id)")
            else:
                seen_ids.append(app_id)
        comps, paths = d.get("components"), d.get("paths")
        if comps is None and paths is None:
            problems.append(f"{where} has neither components nor paths: no URL will open the app")
        if comps is not None:
            if not isinstance(comps, list):
                problems.append(f"{where}: components must be an array")
            else:
                for j, c in enumerate(comps):
                    if not isinstance(c, dict) or not any(k in c for k in ("/", "?", "#")):
                        problems.append(f"{where}.components[{j}] needs a \"/\", \"?\" or \"#\" key")
                    elif "/" in c and not str(c["/"]).startswith(("/", "*")):
                        problems.append(f"{where}.components[{j}]: path {c['/']!r} should start with /")
        if paths is not None and not (isinstance(paths, list) and all(isinstance(p, str) for p in paths)):
            problems.append(f"{where}: paths must be an array of strings")
    if want_app_id and want_app_id not in seen_ids:
        problems.append(f"{path}: expected app id {want_app_id} is not listed (found: {', '.join(seen_ids) or 'none'})")
    return problems


def check_assetlinks(path, want_package, want_fingerprint):
    data, problems = load(path)
    if data is None:
        return problems
    if not isinstance(data, list) or not data:
        return [f"{path}: must be a non-empty JSON array of statements"]
    packages, fingerprints = set(), set()
    for i, st in enumerate(data):
        where = f"{path}: [{i}]"
        if not isinstance(st, dict):
            problems.append(f"{where} is not an object")
            continue
        rel = st.get("relation")
        if not isinstance(rel, list) or HANDLE_ALL not in rel:
            problems.append(f"{where}: relation lacks {HANDLE_ALL!r}")
        target = st.get("target")
        if not isinstance(target, dict) or target.get("namespace") != "android_app":
            problems.append(f"{where}: target.namespace must be \"android_app\"")
            continue
        pkg = target.get("package_name")
        if not isinstance(pkg, str) or not pkg:
            problems.append(f"{where}: target.package_name is missing")
        else:
            packages.add(pkg)
        fps = target.get("sha256_cert_fingerprints")
        if not isinstance(fps, list) or not fps:
            problems.append(f"{where}: target.sha256_cert_fingerprints must be a non-empty array")
            continue
        for fp in fps:
            if not isinstance(fp, str) or not FINGERPRINT.match(fp):
                problems.append(f"{where}: {fp!r} is not an upper-case colon-separated SHA-256 fingerprint")
            else:
                fingerprints.add(fp)
    if want_package and want_package not in packages:
        problems.append(f"{path}: expected package {want_package} is not listed")
    if want_fingerprint:
        fp = want_fingerprint.upper()
        if fp not in fingerprints:
            problems.append(
                f"{path}: expected fingerprint {fp} is not listed (with Play App Signing, use the app signing key's)"
            )
    return problems


def main():
    ap = argparse.ArgumentParser(description="Check universal-link and App Links association files.")
    ap.add_argument("--aasa", help="path to an apple-app-site-association file")
    ap.add_argument("--app-id", help="expected TEAMID.bundle.id in the AASA file")
    ap.add_argument("--assetlinks", help="path to an assetlinks.json file")
    ap.add_argument("--package", help="expected Android package name")
    ap.add_argument("--fingerprint", help="expected SHA-256 signing certificate fingerprint")
    args = ap.parse_args()
    if not args.aasa and not args.assetlinks:
        ap.print_usage(sys.stderr)
        fail("give --aasa and/or --assetlinks")
    problems = []
    if args.aasa:
        problems += check_aasa(args.aasa, args.app_id)
    if args.assetlinks:
        problems += check_assetlinks(args.assetlinks, args.package, args.fingerprint)
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print("ok: association files look valid")


if __name__ == "__main__":
    main()
