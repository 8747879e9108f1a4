"""Job kinds: what long work Mandate can run in the background.

An app declares a kind in its own `jobs.py`:

    @job_kind("reports.review", label=_("Review report"))
    def build_review(job, *, unit_id, term):
        job.progress(10, _("Reading targets"))
        ...
        return JobOutput(data=docx_bytes, filename="bao-cao.docx")

The handler receives the Job row (for progress) and the job's JSON parameters; it may
return a JobOutput (a file the user downloads) or a short text summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class JobOutput:
    data: bytes
    filename: str
    summary: str = ""


@dataclass(frozen=True)
class JobKind:
    name: str
    label: object
    handler: Callable
    max_attempts: int


_KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, label, max_attempts: int = 3):
    def register(handler: Callable) -> Callable:
        _KINDS[name] = JobKind(name=name, label=label, handler=handler, max_attempts=max_attempts)
        return handler

    return register


def get_kind(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"unknown job kind {name!r}") from None


def kind_choices() -> list[tuple[str, object]]:
    return sorted(((k.name, k.label) for k in _KINDS.values()), key=lambda c: c[0])
