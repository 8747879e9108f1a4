"""Everything the public portal may show, as plain rows. Pages, CSV, JSON, the feed and the
public API all read these functions and nothing else, so what is public is decided here once:

- targets only of documents an administrator published, with APPROVED values only (the
  evaluation and rollup functions of ``mandate.targets``), each with its period and the day
  it was approved; no names of people, no notes or comments, no drafts;
- constituencies and candidates only of elections whose lists are published, with the facts a
  published candidate list carries;
- turnout only of elections whose turnout is published, approved reports only;
- results only of constituencies whose results are published (they must be fully approved).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from mandate.documents.models import DirectiveDocument
from mandate.elections import queries as election_queries
from mandate.elections.models import Candidate, Constituency, Election, TurnoutHour, TurnoutReport, VotingArea
from mandate.targets.evaluation import evaluate_targets
from mandate.targets.models import Target
from mandate.targets.rollups import latest_approved

from .models import Publication, PublicationKind


def published_documents():
    ids = Publication.objects.public().filter(kind=PublicationKind.TARGETS).values("document")
    return DirectiveDocument.objects.filter(pk__in=ids).select_related("issuing_unit").order_by("-issued_on", "number")


def public_elections():
    ids = Publication.objects.public().filter(kind=PublicationKind.CANDIDATES).values("election")
    return Election.objects.filter(pk__in=ids).select_related("organizer")


def turnout_published(election: Election) -> bool:
    return Publication.objects.public().filter(kind=PublicationKind.TURNOUT, election=election).exists()


def public_constituencies(election: Election | None = None):
    qs = Constituency.objects.filter(body__election__in=public_elections())
    if election is not None:
        qs = qs.filter(body__election=election)
    return qs.select_related("body__election", "body__unit").order_by("body__election", "body__kind", "number")


def results_published_constituencies(election: Election | None = None):
    ids = Publication.objects.public().filter(kind=PublicationKind.RESULTS).values("constituency")
    return public_constituencies(election).filter(pk__in=ids)


def public_targets(document: DirectiveDocument | None = None):
    qs = Target.objects.filter(document__in=published_documents()).select_related("document", "org_unit", "parent")
    if document is not None:
        qs = qs.filter(document=document)
    return qs.order_by("document__number", "sort_order", "pk")


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _num(value) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def target_rows(day: datetime.date, document: DirectiveDocument | None = None) -> list[dict]:
    """Published targets with their latest approved figure and status on ``day``."""
    rows = []
    for r in evaluate_targets(public_targets(document), day):
        t = r.target
        latest = r.series[-1] if r.series else None
        rows.append({
            "id": t.pk, "document": t.document.number, "document_id": t.document_id,
            "document_title": t.document.title, "unit": t.org_unit.display_name, "unit_id": t.org_unit_id,
            "indicator": t.indicator, "unit_of_measure": t.unit_of_measure, "comparator": t.get_comparator_display(),
            "target_value": _num(t.value), "target_value_max": _num(t.value_max), "period": t.period_label,
            "latest_value": _num(r.actual), "latest_period": latest[1] if latest else None,
            "latest_period_end": _date(latest[0]) if latest else None, "status": r.status,
            "progress_percent": r.progress_percent,
            "trend": [(label, value) for label, value in r.trend],
        })
    return rows


def target_value_rows(day: datetime.date, document: DirectiveDocument | None = None) -> list[dict]:
    """Each reporting unit's latest approved value of each published target, with its period and
    the day it was approved. Nothing else of the value (who entered it, notes) is read."""
    qs = (latest_approved(day).filter(target__in=public_targets(document))
          .select_related("target__document", "org_unit").order_by("target__document__number", "target__sort_order",
                                                                    "target_id", "org_unit__path"))
    return [{
        "target_id": v.target_id, "document": v.target.document.number, "indicator": v.target.indicator,
        "unit": v.org_unit.display_name, "period": v.period_label, "period_end": _date(v.period_end),
        "value": _num(v.value), "unit_of_measure": v.target.unit_of_measure,
        "approved_on": _date(v.decided_at.date()) if v.decided_at else None,
    } for v in qs.only("target_id", "org_unit", "period_label", "period_end", "value", "decided_at",
                       "target__document__number", "target__indicator", "target__unit_of_measure",
                       "org_unit__name_vi", "org_unit__name_en")]


def constituency_rows(election: Election | None = None) -> list[dict]:
    qs = public_constituencies(election).annotate(
        n_candidates=Count("candidates", distinct=True)).prefetch_related("units")
    areas = dict(VotingArea.objects.filter(constituency__in=qs.values("pk")).values(
        "constituency").order_by().annotate(n=Count("pk")).values_list("constituency", "n"))
    voters = {r["constituency"]: r["v"] for r in VotingArea.objects.filter(
        constituency__in=qs.values("pk")).values("constituency").order_by().annotate(
        v=Sum("voters"))}
    return [{
        "id": c.pk, "election": c.body.election.name, "election_id": c.body.election_id, "body": str(c.body),
        "number": c.number, "name": c.name, "seats": c.seats,
        "units": ", ".join(u.display_name for u in c.units.all()), "voting_areas": areas.get(c.pk, 0),
        "voters": voters.get(c.pk, 0), "candidates": c.n_candidates,
    } for c in qs]


def candidate_rows(election: Election | None = None, constituency: Constituency | None = None) -> list[dict]:
    qs = Candidate.objects.filter(constituency__in=public_constituencies(election)).select_related(
        "constituency__body__election", "constituency__body__unit")
    if constituency is not None:
        qs = qs.filter(constituency=constituency)
    return [{
        "id": k.pk, "election": k.constituency.body.election.name, "body": str(k.constituency.body),
        "constituency": k.constituency.name, "constituency_id": k.constituency_id, "list_order": k.list_order,
        "full_name": k.full_name, "birth_year": k.birth_year, "sex": k.get_sex_display(),
        "ethnicity": k.ethnicity, "occupation": k.occupation, "party_member": k.is_party_member,
        "nomination": k.get_nomination_display(), "demo": k.is_demo,
    } for k in qs.order_by("constituency__body__election", "constituency__body__kind", "constituency__number",
                           "list_order", "full_name")]


def turnout_rows(election: Election | None = None, constituency: Constituency | None = None) -> list[dict]:
    """Approved turnout of every hour, per voting area, of elections whose turnout is published."""
    elections = Publication.objects.public().filter(kind=PublicationKind.TURNOUT).values("election")
    qs = TurnoutReport.objects.filter(
        state="approved", area__constituency__body__election__in=elections,
        area__constituency__in=public_constituencies(election))
    if constituency is not None:
        qs = qs.filter(area__constituency=constituency)
    hours = dict(TurnoutHour.choices)
    return [{
        "constituency": t.area.constituency.name, "constituency_id": t.area.constituency_id,
        "voting_area": t.area.name, "unit": t.area.unit.display_name, "hour": str(hours[t.hour]),
        "voted": t.voted, "voters": t.voters, "percent": _num(t.percent),
    } for t in qs.select_related("area__constituency", "area__unit").only(
        "hour", "voted", "voters", "area__name", "area__constituency__name", "area__unit__name_vi",
        "area__unit__name_en").order_by("area__constituency__number", "area__unit__path", "area__name", "hour")]


@dataclass
class PublicResult:
    count: election_queries.ConstituencyCount
    published_at: datetime.datetime


def public_counts(election: Election | None = None, constituency: Constituency | None = None) -> list[PublicResult]:
    qs = results_published_constituencies(election)
    if constituency is not None:
        qs = qs.filter(pk=constituency.pk)
    when = dict(Publication.objects.public().filter(kind=PublicationKind.RESULTS, constituency__in=qs.values("pk"))
                .values_list("constituency", "published_at"))
    return [PublicResult(c, when[c.constituency.pk]) for c in election_queries.constituency_counts(qs)
            if c.complete]


def result_rows(election: Election | None = None, constituency: Constituency | None = None) -> list[dict]:
    rows = []
    for pr in public_counts(election, constituency):
        c = pr.count
        for line in c.lines:
            rows.append({
                "constituency": c.constituency.name, "constituency_id": c.constituency.pk,
                "body": str(c.constituency.body), "seats": c.constituency.seats, "candidate": line.candidate.full_name,
                "votes": line.votes, "percent_of_valid": _num(line.percent), "elected": line.elected,
                "tie_at_last_seat": line.tied, "published_on": _date(pr.published_at.date()),
            })
    return rows


def constituency_result_rows(election: Election | None = None) -> list[dict]:
    return [{
        "constituency": pr.count.constituency.name, "constituency_id": pr.count.constituency.pk,
        "body": str(pr.count.constituency.body), "seats": pr.count.constituency.seats, "voters": pr.count.voters,
        "ballots_issued": pr.count.issued, "ballots_received": pr.count.received, "valid": pr.count.valid,
        "invalid": pr.count.invalid, "turnout_percent": _num(pr.count.turnout_percent),
        "elected": len(pr.count.elected), "further_vote": pr.count.action or None,
        "published_on": _date(pr.published_at.date()),
    } for pr in public_counts(election)]


@dataclass(frozen=True)
class Table:
    slug: str
    title: object
    rows: object  # callable(day) -> list[dict]


TABLES = {
    "targets": Table("targets", _("Published targets"), lambda day: [
        {k: v for k, v in r.items() if k != "trend"} for r in target_rows(day)]),
    "target-values": Table("target-values", _("Approved values of the published targets"), target_value_rows),
    "constituencies": Table("constituencies", _("Constituencies"), lambda day: constituency_rows()),
    "candidates": Table("candidates", _("Candidates"), lambda day: candidate_rows()),
    "turnout": Table("turnout", _("Turnout"), lambda day: turnout_rows()),
    "results": Table("results", _("Results per candidate"), lambda day: result_rows()),
    "constituency-results": Table("constituency-results", _("Results per constituency"),
                                  lambda day: constituency_result_rows()),
}


def latest_results_publications(limit: int = 30):
    return (Publication.objects.public().filter(kind=PublicationKind.RESULTS)
            .select_related("constituency__body__election", "constituency__body__unit")
            .order_by("-published_at", "-pk")[:limit])


def targets_summary(rows: list[dict]) -> dict:
    counts = {"achieved": 0, "on_track": 0, "at_risk": 0, "missed": 0, "no_data": 0}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    return counts

