#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bar-chart-matplotlib.py RESULTS.json OUTPUT.png
#
# The anchor of bench-export.sh: the one chart of the report drawn the usual
# way in Python, a sorted horizontal bar chart with a label and a value per
# proposal, and nothing else. RESULTS.json is what
#   abierto-cli --file F results --round R --format json
# prints ("-" reads it from standard input). Timing starts with the
# interpreter, as a facilitator running such a script would see it.

import json
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 (after choosing the backend)


def main():
    if len(sys.argv) != 3:
        print("usage: bar-chart-matplotlib.py RESULTS.json OUTPUT.png", file=sys.stderr)
        return 2

    if sys.argv[1] == "-":
        results = json.load(sys.stdin)
    else:
        with open(sys.argv[1], encoding="utf-8") as f:
            results = json.load(f)

    rows = sorted(results["results"], key=lambda row: row["score"], reverse=True)
    labels = [row["label"] for row in rows]
    scores = [row["score"] for row in rows]

    # a quarter inch a bar keeps 9-point labels apart: 5,100 px tall for 200
    fig, ax = plt.subplots(figsize=(12, 1 + 0.25 * len(rows)), dpi=100)
    bars = ax.barh(range(len(rows)), scores, color="#3584e4")
    ax.set_yticks(range(len(rows)), labels, fontsize=9)
    ax.invert_yaxis()  # the first place on top
    ax.bar_label(bars, fontsize=9, padding=3)
    ax.set_xlabel("Votos")
    ax.margins(x=0.08, y=0.002)
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
