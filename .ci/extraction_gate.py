#!/usr/bin/env python3
"""CI quality gate for text extraction (standard library only).

Runs the shared scorer over the development set with the project's ``mandate extract``
and fails when a quality bar is missed:

    documents F1 >= 0.95, targets F1 >= 0.85, deadlines F1 >= 0.90,
    figures recall >= 0.80, language accuracy = 1.00

    python .ci/extraction_gate.py [--shared ../shared]

Without the shared folder (developers outside the project do not have it) it says so
and passes.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BARS = {
    ("documents", "F1"): 0.95,
    ("targets", "F1"): 0.85,
    ("deadlines", "F1"): 0.90,
    ("figures", "R"): 0.80,
    ("language", "accuracy"): 1.00,
}


def parse_summary(lines: list[str]) -> dict[tuple[str, str], float]:
    """Read the scorer's last two lines into {(field, measure): value}."""
    found: dict[tuple[str, str], float] = {}
    for line in lines[-2:]:
        for part in line.split("|"):
            words = part.split()
            if not words:
                continue
            if len(words) >= 3 and words[-2] == "accuracy":  # "... language accuracy 1.00"
                found[(" ".join(words[:-2]), "accuracy")] = float(words[-1])
                continue
            name = words[0]
            for measure, value in re.findall(r"\b(P|R|F1)\s+([0-9.]+)", part):
                found[(name, measure)] = float(value)
    return found


def mandate_command() -> list[str] | None:
    local = ROOT / ".venv" / "bin" / "mandate"
    if local.exists():
        return [str(local)]
    on_path = shutil.which("mandate")
    return [on_path] if on_path else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=pathlib.Path, default=ROOT.parent / "shared",
                    help="the shared folder with extraction/score.py, extraction/gold and seeds (default: ../shared)")
    args = ap.parse_args()
    shared = args.shared if args.shared.is_absolute() else (pathlib.Path.cwd() / args.shared)
    scorer = shared / "extraction" / "score.py"
    gold = shared / "extraction" / "gold"
    texts = shared / "seeds"
    if not (scorer.exists() and gold.is_dir() and texts.is_dir()):
        print(f"extraction gate: no shared development set at {shared}; skipped.")
        return 0
    cmd = mandate_command()
    if cmd is None:
        print("extraction gate: the mandate command is not installed (run `uv sync`).", file=sys.stderr)
        return 1
    run = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--texts", str(texts), "-v", "--",
         *cmd, "extract", "{file}", "--format", "json"],
        capture_output=True, text=True, cwd=ROOT,
    )
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    if run.returncode != 0:
        print(f"extraction gate: the scorer failed (exit {run.returncode}).", file=sys.stderr)
        return 1
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    scores = parse_summary(lines)
    failed = []
    for (name, measure), bar in BARS.items():
        value = scores.get((name, measure))
        if value is None:
            failed.append(f"{name} {measure}: missing from the scorer's output")
        elif value + 1e-9 < bar:
            failed.append(f"{name} {measure} {value:.2f} < {bar:.2f}")
    if failed:
        print("extraction gate: FAILED: " + "; ".join(failed))
        return 1
    print("extraction gate: all bars met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
