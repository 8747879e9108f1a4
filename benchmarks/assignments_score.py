#!/usr/bin/env python3
"""Score the ``assignments`` of ``mandate extract`` against gold annotations.

    .venv/bin/python benchmarks/assignments_score.py [--texts benchmarks/texts/assignments] [-v]

Gold: ``<texts>/gold/<stem>.json`` = ``{"assignments": [{"lead_unit", "coordinating_units",
"action", "deadline"}]}`` (see docs/extraction.md). A predicted assignment matches a gold one
when the lead units agree (case, spacing, a leading "the" and "Uỷ"/"Ủy" ignored) and their
actions share at least half of their words (so the same unit in two sentences pairs with the
right one); pairs are made greedily, best overlap first. Printed: precision, recall and F1 of
assignments; over matched pairs, deadline accuracy, coordinating-units accuracy (same set)
and the mean word-overlap F1 of the action. Standard library + mandate.extraction only.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_TEXTS = ROOT / "benchmarks" / "texts" / "assignments"


def unit_key(name: str) -> str:
    s = unicodedata.normalize("NFC", name or "").casefold().replace("uỷ", "ủy").replace("\u2013", "-")
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"\s+", " ", s)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text or "").casefold())


def word_f1(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return float(wa == wb)
    common = 0
    pool = list(wb)
    for w in wa:
        if w in pool:
            pool.remove(w)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def score(pairs_of_lists: list[tuple[list[dict], list[dict]]]) -> dict:
    """Totals over (gold, predicted) lists of assignments, one pair per text."""
    tp = fp = fn = 0
    deadline_ok = coord_ok = 0
    action_f1 = 0.0
    for gold, pred in pairs_of_lists:
        candidates = []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(pred):
                if unit_key(g["lead_unit"]) != unit_key(p.get("lead_unit", "")):
                    continue
                overlap = word_f1(g.get("action", ""), p.get("action", ""))
                if overlap >= 0.5:
                    candidates.append((overlap, gi, pi))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for overlap, gi, pi in sorted(candidates, reverse=True):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = gold[gi], pred[pi]
            deadline_ok += int(g.get("deadline") == p.get("deadline"))
            coord_ok += int({unit_key(u) for u in g.get("coordinating_units", [])}
                            == {unit_key(u) for u in p.get("coordinating_units", [])})
            action_f1 += overlap
        tp += len(used_g)
        fp += len(pred) - len(used_p)
        fn += len(gold) - len(used_g)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": tp + fn, "predicted": tp + fp, "matched": tp,
        "precision": precision, "recall": recall, "f1": f1,
        "deadline_accuracy": deadline_ok / tp if tp else 0.0,
        "coordinating_accuracy": coord_ok / tp if tp else 0.0,
        "action_f1": action_f1 / tp if tp else 0.0,
    }


def run(texts: pathlib.Path, verbose: bool = False) -> dict:
    from mandate.extraction import extract_file

    pairs = []
    for gold_path in sorted((texts / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["assignments"]
        text = texts / f"{gold_path.stem}.txt"
        pred = extract_file(text).get("assignments", [])
        pairs.append((gold, pred))
        if verbose:
            one = score([(gold, pred)])
            print(f"{gold_path.stem}: P {one['precision']:.2f} R {one['recall']:.2f} F1 {one['f1']:.2f} | "
                  f"deadline {one['deadline_accuracy']:.2f} | coordinating {one['coordinating_accuracy']:.2f} | "
                  f"action {one['action_f1']:.2f}")
    return score(pairs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--texts", type=pathlib.Path, default=DEFAULT_TEXTS)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    s = run(a.texts, a.verbose)
    print(f"assignments: {s['gold']} gold, {s['predicted']} predicted | P {s['precision']:.2f} R {s['recall']:.2f} "
          f"F1 {s['f1']:.2f} | deadline accuracy {s['deadline_accuracy']:.2f} | coordinating accuracy "
          f"{s['coordinating_accuracy']:.2f} | action word F1 {s['action_f1']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
