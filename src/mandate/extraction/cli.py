"""``mandate extract PATH [--format json|table]``."""

from __future__ import annotations

import argparse
import json
import sys

from .errors import ExtractionError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mandate extract",
        description="Extract cited documents, targets, figures, deadlines and assignments from a .txt, .docx, .pdf "
                    "or .html file.",
    )
    parser.add_argument("path", help="the file to read")
    parser.add_argument("--format", choices=("json", "table"), default="json",
                        help="json: one JSON object (default); table: a table for people")
    args = parser.parse_args(argv)
    from . import extract_file
    from .table import render_table

    try:
        result = extract_file(args.path)
    except ExtractionError as exc:
        print(f"mandate extract: {exc}", file=sys.stderr)
        return 2
    utf8 = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8"
    if args.format == "json":
        # Vietnamese stays readable on a UTF-8 terminal; elsewhere \u escapes keep it valid JSON.
        json.dump(result, sys.stdout, ensure_ascii=not utf8, indent=2)
        sys.stdout.write("\n")
    else:
        if not utf8 and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")
        sys.stdout.write(render_table(result))
    return 0
