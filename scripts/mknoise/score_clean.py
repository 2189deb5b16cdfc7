#!/usr/bin/env python3
"""Recompute `paraline eval clean` figures from its --pred file.

Usage: python3 scripts/mknoise/score_clean.py PRED

PRED has one line per pair: "<label>\t<reasons>", reasons comma-separated
("dup:exact"/"dup:normalized" for a duplicate, empty when kept). Prints, per
noise label: pairs, share removed, own-filter recall and precision (against
clean pairs), then the shares of clean and noise pairs removed.
"""
import sys
from collections import Counter, defaultdict


def own(label):
    return {"dup-exact": "dup:exact", "dup-normalized": "dup:normalized"}.get(label, label)


def main(path):
    n, removed, hit = Counter(), Counter(), defaultdict(Counter)
    with open(path, encoding="utf-8") as f:
        for line in f:
            label, _, reasons = line.rstrip("\n").partition("\t")
            rs = [r for r in reasons.split(",") if r]
            n[label] += 1
            if rs:
                removed[label] += 1
            for r in rs:
                hit[label][r] += 1
    pct = lambda a, b: "-" if b == 0 else "%.1f%%" % (100 * a / b)
    noise = noise_removed = 0
    for label in sorted(l for l in n if l != "clean"):
        o = own(label)
        tp, fp = hit[label][o], hit["clean"][o]
        noise += n[label]
        noise_removed += removed[label]
        print("%-15s %6d %8s %8s %9s" % (label, n[label], pct(removed[label], n[label]), pct(tp, n[label]), pct(tp, tp + fp)))
    nc = n["clean"]
    print("clean_removed=%.4f noise_removed=%.4f" % (removed["clean"] / nc if nc else 0, noise_removed / noise if noise else 0))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
