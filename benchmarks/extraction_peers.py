#!/usr/bin/env python3
"""Mandate's extractor against two general-purpose peers, on the same texts.

    .venv/bin/python benchmarks/extraction_peers.py [--shared ../shared]

Texts: the shared development set (``../shared/seeds`` with ``../shared/extraction/gold``)
when present, the multilingual samples in ``benchmarks/texts`` (gold in
``benchmarks/texts/gold``; looked at while the rules were written), and two held-out sets
written with their gold before the extractor ever ran on them: ``benchmarks/texts/heldout``
(12 texts: 6 vi, 3 en, de, fr, no; the rules were then revised against it) and
``benchmarks/texts/heldout2`` (3 texts: 2 vi, 1 en; never used to change a rule). Peers:

- quantulum3 (quantities; run without its optional scikit-learn classifier, offline);
- dateparser's ``search.search_dates`` (dates; every date it finds counts as a deadline,
  since it cannot tell a time limit from any other date).

Quality is measured against the gold: quantities are the gold targets + figures (value
and unit class must agree, as in score.py; optional targets are neither hits nor
misses), deadlines are the gold deadline dates. Throughput is KB of UTF-8 text per
second on one core, timed on a second pass over the texts (the first warms caches up). Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Sample:
    name: str
    text: str
    gold: dict
    lang: str
    group: str = ""


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        p, r = self.p(), self.r()
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Result:
    quantities: Tally = field(default_factory=Tally)
    deadlines: Tally = field(default_factory=Tally)
    seconds: float = 0.0


def unit_class(unit: str | None) -> str:
    u = (unit or "").strip().lower()
    if u in {"%", "percent", "per cent", "pct", "phần trăm", "prosent", "prozent", "percentage"}:
        return "%"
    if u in {"vnd", "vnđ", "đồng", "dong", "đ"}:
        return "VND"
    return "count"


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-3, abs_tol=1e-9)


def match(g: dict, p: dict) -> bool:
    return same(g.get("value"), p.get("value")) and unit_class(g.get("unit")) == unit_class(p.get("unit"))


def score_quantities(gold: dict, pred: list[dict], tally: Tally) -> None:
    wanted = list(gold.get("targets", [])) + list(gold.get("figures", []))
    free = list(pred)
    hits = 0
    for g in wanted:
        for i, p in enumerate(free):
            if match(g, p):
                free.pop(i)
                hits += 1
                break
    for g in gold.get("optional_targets", []):  # neither a hit nor a false positive
        for i, p in enumerate(free):
            if match(g, p):
                free.pop(i)
                break
    tally.tp += hits
    tally.fn += len(wanted) - hits
    tally.fp += len(free)


def score_deadlines(gold: dict, pred: set[str], tally: Tally) -> None:
    g = set(gold.get("deadlines", []))
    tally.tp += len(g & pred)
    tally.fp += len(pred - g)
    tally.fn += len(g - pred)


def load_samples(shared: Path | None) -> list[Sample]:
    from mandate.extraction.language import detect_language

    pairs: list[tuple[Path, Path, str]] = []
    if shared and (shared / "seeds").is_dir() and (shared / "extraction" / "gold").is_dir():
        for g in sorted((shared / "extraction" / "gold").glob("*.json")):
            pairs.append((shared / "seeds" / f"{g.stem}.txt", g, "dev"))
    own = ROOT / "benchmarks" / "texts"
    for folder, group in ((own, "samples"), (own / "heldout", "heldout"), (own / "heldout2", "heldout2")):
        for g in sorted((folder / "gold").glob("*.json")):
            pairs.append((folder / f"{g.stem}.txt", g, group))
    samples = []
    for text_path, gold_path, group in pairs:
        if text_path.exists():
            text = text_path.read_text(encoding="utf-8")
            samples.append(Sample(text_path.stem, text, json.loads(gold_path.read_text(encoding="utf-8")),
                                  detect_language(text), group))
    return samples


# --- the three systems ---------------------------------------------------------------------


def run_mandate(samples: list[Sample]) -> Result:
    from mandate.extraction import extract_text

    for s in samples:  # warm-up pass: language model, per-language patterns
        extract_text(s.text)
    res = Result()
    outputs = []
    start = time.perf_counter()
    for s in samples:
        outputs.append(extract_text(s.text))
    res.seconds = time.perf_counter() - start
    for s, out in zip(samples, outputs, strict=True):
        score_quantities(s.gold, out["targets"] + out["figures"], res.quantities)
        score_deadlines(s.gold, set(out["deadlines"]), res.deadlines)
    return res


_CURRENCY = re.compile(r"\b(?:VND|VNĐ|đồng|dong)\b", re.I)


def run_quantulum(samples: list[Sample]) -> Result:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "classifier dependencies not installed": we run without on purpose
        from quantulum3 import parser

        for s in samples:  # warm-up pass: unit tables, caches
            parser.parse(s.text)
        res = Result()
        outputs = []
        start = time.perf_counter()
        for s in samples:
            outputs.append(parser.parse(s.text))
        res.seconds = time.perf_counter() - start
    for s, quants in zip(samples, outputs, strict=True):
        pred = []
        for q in quants:
            unit = q.unit.name
            if unit == "percentage":
                unit = "%"
            elif "dong" in unit.lower() or _CURRENCY.search(q.surface):
                unit = "VND"  # generous: credit any amount written with VND/đồng
            pred.append({"value": q.value, "unit": unit})
        score_quantities(s.gold, pred, res.quantities)
    return res


_DP_LANG = {"no": "nb"}


def run_dateparser(samples: list[Sample]) -> Result:
    from dateparser.search import search_dates

    settings = {"PREFER_DAY_OF_MONTH": "last", "PREFER_MONTH_OF_YEAR": "last", "RETURN_AS_TIMEZONE_AWARE": False}
    for s in samples:  # warm-up pass: per-language parsers
        search_dates(s.text, languages=[_DP_LANG.get(s.lang, s.lang)], settings=settings)
    res = Result()
    outputs = []
    start = time.perf_counter()
    for s in samples:
        outputs.append(search_dates(s.text, languages=[_DP_LANG.get(s.lang, s.lang)], settings=settings) or [])
    res.seconds = time.perf_counter() - start
    for s, found in zip(samples, outputs, strict=True):
        score_deadlines(s.gold, {d.date().isoformat() for _, d in found}, res.deadlines)
    return res


def table(rows: list[tuple[str, Result | None, Result | None]], kb: float) -> str:
    out = ["| system | quantities P | quantities R | quantities F1 | deadlines P | deadlines R | deadlines F1 | KB/s |",
           "|---|---|---|---|---|---|---|---|"]
    for name, q, d in rows:
        cells = [name]
        cells += [f"{q.quantities.p():.2f}", f"{q.quantities.r():.2f}", f"{q.quantities.f1():.2f}"] if q else ["–"] * 3
        cells += [f"{d.deadlines.p():.2f}", f"{d.deadlines.r():.2f}", f"{d.deadlines.f1():.2f}"] if d else ["–"] * 3
        seconds = (q or d).seconds
        cells.append(f"{kb / seconds:,.0f}")
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    samples = load_samples(args.shared)
    if not samples:
        print("no texts with gold found", file=sys.stderr)
        return 1
    sets = [("all texts", samples)]
    titles = {"dev": "shared development set", "samples": "own samples (seen while writing the rules)",
              "heldout": "held-out set 1 (after the rules were revised against it)",
              "heldout2": "held-out set 2 (never used to change a rule)"}
    for group, title in titles.items():
        members = [s for s in samples if s.group == group]
        if members:
            sets.append((title, members))
    for title, group in sets:
        kb = sum(len(s.text.encode("utf-8")) for s in group) / 1024
        langs = ", ".join(sorted({s.lang for s in group}))
        mandate, quant, dates = run_mandate(group), run_quantulum(group), run_dateparser(group)
        print(f"\n### {title}: {len(group)} texts, {kb:.1f} KB ({langs})\n")
        print(table([("mandate.extraction", mandate, mandate), ("quantulum3", quant, None),
                     ("dateparser search_dates", None, dates)], kb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
