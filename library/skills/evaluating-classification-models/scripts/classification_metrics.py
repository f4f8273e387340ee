#!/usr/bin/env python3
"""Binary classification metrics from a CSV of true labels and predicted scores, printed as JSON:
confusion matrix, precision, recall, F1, accuracy at a threshold; ROC AUC (rank-based, ties
averaged); average precision (PR AUC); Brier score; a calibration table in equal-width bins; and
the threshold with the best F1 on this data.

Needs only the Python 3 standard library (3.8+). Nothing to install.

Usage:
  python3 classification_metrics.py preds.csv [--label label] [--score score]
         [--threshold 0.5] [--bins 10] [--positive 1]

Labels are 0/1 (or the --positive value vs anything else); scores are probabilities in [0, 1]
(any real score works for AUC; the Brier score and calibration need probabilities).
Exit status 2 on bad input: missing columns, unparsable or non-finite (nan, inf) scores, or only
one class present.
"""
import argparse
import csv
import json
import math
import sys


def fail(msg):
    print(f"classification_metrics: {msg}", file=sys.stderr)
    sys.exit(2)


def ratio(a, b):
    return round(a / b, 6) if b else None


def confusion(ys, ss, t):
    tp = fp = tn = fn = 0
    for y, s in zip(ys, ss):
        pred = s >= t
        if pred and y:
            tp += 1
        elif pred:
            fp += 1
        elif y:
            fn += 1
        else:
            tn += 1
    return tp, fp, tn, fn


def at_threshold(ys, ss, t):
    tp, fp, tn, fn = confusion(ys, ss, t)
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = round(2 * p * r / (p + r), 6) if p and r else 0.0
    return {
        "threshold": t,
        "confusion_matrix": {"tp": tp, "fp": fp, "tn": tn, "fn": fn},
        "precision": p,
        "recall": r,
        "specificity": ratio(tn, tn + fp),
        "f1": f1,
        "accuracy": ratio(tp + tn, len(ys)),
    }


def roc_auc(ys, ss):
    """Mann-Whitney U: probability a random positive outscores a random negative (ties count half)."""
    order = sorted(range(len(ss)), key=lambda i: ss[i])
    ranks = [0.0] * len(ss)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and ss[order[j + 1]] == ss[order[i]]:
            j += 1
        avg = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = avg
        i = j + 1
    pos = sum(ys)
    neg = len(ys) - pos
    rank_sum = sum(r for r, y in zip(ranks, ys) if y)
    return round((rank_sum - pos * (pos + 1) / 2) / (pos * neg), 6)


def average_precision(ys, ss):
    """Sum over distinct score thresholds of (recall step) x precision, highest scores first."""
    pairs = sorted(zip(ss, ys), key=lambda p: -p[0])
    pos = sum(ys)
    tp = fp = 0
    ap = prev_recall = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            tp += pairs[j][1]
            fp += 1 - pairs[j][1]
            j += 1
        recall = tp / pos
        ap += (recall - prev_recall) * (tp / (tp + fp))
        prev_recall = recall
        i = j
    return round(ap, 6)


def calibration(ys, ss, bins):
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, s in enumerate(ss) if lo <= s < hi or (b == bins - 1 and s == 1.0)]
        if idx:
            table.append({
                "bin": f"[{lo:.2f}, {hi:.2f})",
                "count": len(idx),
                "mean_score": round(sum(ss[i] for i in idx) / len(idx), 6),
                "positive_rate": round(sum(ys[i] for i in idx) / len(idx), 6),
            })
    return table


def main():
    ap = argparse.ArgumentParser(description="Binary classification metrics from labels and scores.")
    ap.add_argument("path")
    ap.add_argument("--label", default="label")
    ap.add_argument("--score", default="score")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--bins", type=int, default=10)
    ap.add_argument("--positive", default="1", help="label value that counts as positive (default 1)")
    args = ap.parse_args()
    if args.bins < 1:
        fail("--bins must be at least 1")

    try:
        with open(args.path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in (args.label, args.score) if c not in (reader.fieldnames or [])]
            if missing:
                fail(f"column(s) {', '.join(missing)} not in header {reader.fieldnames}")
            ys, ss = [], []
            for line_no, row in enumerate(reader, start=2):
                try:
                    score = float(row[args.score])
                except (TypeError, ValueError):
                    score = None
                if score is None or not math.isfinite(score):
                    fail(f"line {line_no}: score {row[args.score]!r} is not a finite number")
                ss.append(score)
                ys.append(1 if (row[args.label] or "").strip() == args.positive else 0)
    except OSError as e:
        fail(f"cannot open {args.path}: {e.strerror}")

    pos = sum(ys)
    if pos == 0 or pos == len(ys):
        fail("need both classes present to compute AUC and precision/recall")
    probabilities = all(0.0 <= s <= 1.0 for s in ss)

    candidates = sorted(set(ss))
    best = max((at_threshold(ys, ss, t) for t in candidates), key=lambda m: (m["f1"], -m["threshold"]))
    report = {
        "rows": len(ys),
        "positives": pos,
        "prevalence": ratio(pos, len(ys)),
        "at_threshold": at_threshold(ys, ss, args.threshold),
        "roc_auc": roc_auc(ys, ss),
        "average_precision": average_precision(ys, ss),
        "best_f1_threshold": best,
    }
    if probabilities:
        report["brier_score"] = round(sum((s - y) ** 2 for s, y in zip(ss, ys)) / len(ys), 6)
        report["calibration"] = calibration(ys, ss, args.bins)
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
