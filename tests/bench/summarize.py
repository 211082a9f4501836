#!/usr/bin/env python3
"""Turns compare.sh's raw measurements into the Markdown of RESULTS.md.

Usage: summarize.py RUNS_TSV COUNTS_TSV N

RUNS_TSV rows: N label run wall_s user_s sys_s peak_rss_kb
  (for the floor rows wall_s is the write phase's own time and user_s its
  user+system time, sys_s 0: write_floor.py times only the write)
COUNTS_TSV rows: N label files bytes note
Prints, for N, a table of medians (min-max of wall) and the ratios.
"""
import statistics
import sys

LABELS = [
    ("check", "`sitrep check`"),
    ("public", "`sitrep build --only public`"),
    ("full", "`sitrep build` (public + internal)"),
    ("check-cold", "`sitrep check`, no load cache yet"),
    ("public-cold", "`sitrep build --only public`, no load cache yet"),
    ("full-cold", "`sitrep build`, no load cache yet"),
    ("public-rebuild", "`sitrep build --only public` over the last build, clock +1 min"),
    ("full-rebuild", "`sitrep build` over the last build, clock +1 min"),
    ("hugo", "Hugo, bare theme"),
    ("floor-public", "write floor, public tree"),
    ("floor-full", "write floor, both trees"),
]
RATIOS = [
    ("public", "hugo", "sitrep public / Hugo"),
    ("full", "hugo", "sitrep full / Hugo"),
    ("public", "floor-public", "sitrep public / floor (public tree)"),
    ("full", "floor-full", "sitrep full / floor (both trees)"),
    ("public-cold", "hugo", "sitrep public, no load cache / Hugo"),
    ("full-cold", "floor-full", "sitrep full, no load cache / floor (both trees)"),
    ("public-rebuild", "hugo", "sitrep public rebuild / Hugo"),
    ("full-rebuild", "floor-full", "sitrep full rebuild / floor (both trees)"),
]


def sec(x):
    """Seconds: two decimals, three below one second (the floor's times are short)."""
    return f"{x:.2f}" if x >= 1 else f"{x:.3f}"


def main():
    runs_path, counts_path, n = sys.argv[1], sys.argv[2], sys.argv[3]
    runs, counts = {}, {}
    with open(runs_path) as f:
        for line in f:
            row = line.split()
            if row and row[0] == n:
                wall, user, sys_, rss = float(row[3]), float(row[4]), float(row[5]), int(row[6])
                runs.setdefault(row[1], []).append((wall, user + sys_, rss))
    with open(counts_path) as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            if row and row[0] == n:
                counts[row[1]] = (row[2], row[3], row[4] if len(row) > 4 else "")
    med = {}
    for label, _ in LABELS:
        if label in runs:
            r = runs[label]
            med[label] = (statistics.median(x[0] for x in r), statistics.median(x[1] for x in r),
                          statistics.median(x[2] for x in r), min(x[0] for x in r), max(x[0] for x in r), len(r))
    print(f"| N = {int(n):,} | wall s, median (min–max) | CPU s (user+sys) | peak RSS MB | files | MB written |")
    print("|---|---|---|---|---|---|")
    for label, name in LABELS:
        if label not in med:
            continue
        wall, cpu, rss, lo, hi, k = med[label]
        files, size, _ = counts.get(label.removesuffix("-cold").removesuffix("-rebuild"), ("—", "", ""))
        mb = f"{int(size) / 1e6:.1f}" if size else "—"
        print(f"| {name} | {sec(wall)} ({sec(lo)}–{sec(hi)}, {k} runs) | {sec(cpu)} | {rss / 1024:.0f} | {files} | {mb} |")
    print()
    print("| ratio | wall | CPU | peak RSS |")
    print("|---|---|---|---|")
    for a, b, name in RATIOS:
        if a in med and b in med:
            ra, rb = med[a], med[b]
            cells = [f"{x / y:.2f}" if y > 0 else "—" for x, y in ((ra[0], rb[0]), (ra[1], rb[1]), (ra[2], rb[2]))]
            print(f"| {name} | " + " | ".join(cells) + " |")
    notes = [f"{label}: {c[2]}" for label, c in counts.items() if c[2]]
    if notes:
        print()
        print("Output: " + "; ".join(notes) + ".")


if __name__ == "__main__":
    main()
