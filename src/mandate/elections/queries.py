"""Reads of elections for pages, the API and the public portal: who sees what, candidate
rules and structure targets per constituency and body, turnout by hour, and the count of
each constituency. A constant number of queries whatever the number of areas or candidates:
sums are made in SQL, and the legal rules (``rules.py``) run once per constituency."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from mandate.accounts.access import membership_of, visible_units
from mandate.targets.models import ValueState

from . import rules as election_rules
from .models import (
    AreaResult,
    Body,
    Candidate,
    CandidateVotes,
    Constituency,
    Election,
    Sex,
    StructureAttribute,
    StructureTarget,
    TurnoutReport,
    VotingArea,
)

COUNTED = (ValueState.SUBMITTED, ValueState.APPROVED)


def _root_path(user) -> str | None:
    if getattr(user, "is_superuser", False):
        return ""
    membership = membership_of(user)
    return membership.org_unit.path if membership else None


def visible_elections(user):
    """Elections organized in the user's subtree or above it."""
    path = _root_path(user)
    if path is None:
        return Election.objects.none()
    return Election.objects.all() if path == "" else Election.objects.visible_from(path)


def sees_whole_election(user, election: Election) -> bool:
    """Whether the user's subtree holds the organizer (the province's staff, a superuser):
    then every constituency, area and figure of the election is in the user's part."""
    path = _root_path(user)
    return path is not None and election.organizer.path.startswith(path)


def part_notice(user, election: Election) -> str:
    """The sentence the election pages show when the rows are limited to the user's part
    (empty for the province's staff)."""
    if sees_whole_election(user, election):
        return ""
    return gettext("Showing your part of the province: the constituencies, voting areas and figures of your "
                   "unit and the units under it; totals are over these rows only.")


def visible_bodies(user, election: Election | None = None):
    """Bodies elected for a unit in the user's subtree or above it: the National Assembly and
    the provincial council (the province's), and the user's own commune's or ward's council —
    not the councils of other communes and wards."""
    path = _root_path(user)
    if path is None:
        return Body.objects.none()
    qs = Body.objects.filter(election__in=visible_elections(user))
    if election is not None:
        qs = qs.filter(election=election)
    if path == "":
        return qs
    ancestors = [path[:i] for i in range(9, len(path) + 1, 9)]
    return qs.filter(Q(unit__in=visible_units(user)) | Q(unit__path__in=ancestors))


def visible_constituencies(user):
    """Constituencies of a visible election covering a unit of the user's subtree (a ward's
    staff see the constituency their ward is in, with every unit it covers — its name and list
    of covered units say so — but not the other constituencies)."""
    qs = Constituency.objects.filter(body__election__in=visible_elections(user))
    if _root_path(user) == "":
        return qs
    units = visible_units(user)
    covered = Constituency.units.through.objects.filter(constituency=OuterRef("pk"), orgunit__in=units)
    in_part = VotingArea.objects.filter(constituency=OuterRef("pk"), unit__in=units)
    return qs.filter(Exists(covered) | Exists(in_part))


def covered_units(user, constituency: Constituency) -> tuple[list, int]:
    """The units a constituency covers that lie in the user's part, and how many others it
    covers (shown as a number: their names are other communes' and wards'). Two queries."""
    units = list(constituency.units.order_by("path"))
    if _root_path(user) == "":
        return units, 0
    own = set(visible_units(user).filter(pk__in=[u.pk for u in units]).values_list("pk", flat=True))
    return [u for u in units if u.pk in own], sum(1 for u in units if u.pk not in own)


def visible_areas(user):
    """Voting areas of a visible election in a commune or ward of the user's subtree."""
    qs = VotingArea.objects.filter(constituency__body__election__in=visible_elections(user))
    return qs if _root_path(user) == "" else qs.filter(unit__in=visible_units(user))


def visible_candidates(user):
    """Candidates of the visible constituencies (a published list names them all)."""
    return Candidate.objects.filter(constituency__in=visible_constituencies(user))


def visible_turnout(user):
    """Turnout reports of the visible voting areas only."""
    return TurnoutReport.objects.filter(area__in=visible_areas(user))


def visible_results(user):
    """Results of the visible voting areas only."""
    return AreaResult.objects.filter(area__in=visible_areas(user))


# --- Candidate rules and structure targets --------------------------------------------------

def _matching(attribute: str, election: Election) -> Q:
    if attribute == StructureAttribute.WOMEN:
        return Q(candidates__sex=Sex.FEMALE)
    if attribute == StructureAttribute.ETHNIC_MINORITY:
        return Q(candidates__is_ethnic_minority=True)
    if attribute == StructureAttribute.YOUNG:
        return Q(candidates__birth_year__gt=election.election_day.year - election.young_age)
    if attribute == StructureAttribute.NON_PARTY:
        return Q(candidates__is_party_member=False)
    raise ValueError(attribute)


@dataclass
class StructureCheck:
    attribute: str
    label: str
    min_percent: Decimal
    count: int
    total: int

    @property
    def percent(self) -> Decimal | None:
        return election_rules.share_percent(self.count, self.total)

    @property
    def status(self) -> str:
        """As a target: achieved or missed; no data without candidates."""
        if not self.total:
            return "no_data"
        return "achieved" if self.percent >= self.min_percent else "missed"


@dataclass
class ConstituencyRow:
    constituency: Constituency
    candidates: int
    min_candidates: int
    structure: list = field(default_factory=list)
    areas: int = 0
    voters: int = 0

    @property
    def candidates_ok(self) -> bool:
        return self.candidates >= self.min_candidates

    @property
    def candidates_short(self) -> int:
        return max(0, self.min_candidates - self.candidates)

    @property
    def structure_missed(self) -> list:
        return [s for s in self.structure if s.status == "missed"]


def constituency_rows(body: Body, constituencies=None) -> tuple[list[ConstituencyRow], list[StructureCheck]]:
    """Each constituency of ``body`` with its candidate count against the rule and its
    structure checks; and the body's structure checks over all its candidates. Three queries."""
    election = body.election
    targets = list(body.structure_targets.all())
    aggregates = {"n_candidates": Count("candidates", distinct=True)}
    for t in targets:
        aggregates[f"n_{t.attribute}"] = Count("candidates", filter=_matching(t.attribute, election), distinct=True)
    qs = constituencies if constituencies is not None else body.constituencies.all()
    areas = VotingArea.objects.filter(constituency=OuterRef("pk")).order_by().values("constituency")
    qs = qs.annotate(
        **aggregates,
        n_areas=Coalesce(Subquery(areas.annotate(n=Count("pk")).values("n")), Value(0), output_field=IntegerField()),
        n_voters=Coalesce(Subquery(areas.annotate(v=Sum("voters")).values("v")), Value(0),
                          output_field=IntegerField()),
    ).order_by("number")
    rows, totals = [], {"n_candidates": 0, **{f"n_{t.attribute}": 0 for t in targets}}
    rules = election.rules
    for c in qs:
        checks = [StructureCheck(t.attribute, t.get_attribute_display(), t.min_percent, getattr(c, f"n_{t.attribute}"),
                                 c.n_candidates) for t in targets]
        rows.append(ConstituencyRow(c, c.n_candidates, election_rules.min_candidates(c.seats, rules), checks,
                                    c.n_areas, c.n_voters))
        for key in totals:
            totals[key] += getattr(c, key)
    body_checks = [StructureCheck(t.attribute, t.get_attribute_display(), t.min_percent,
                                  totals[f"n_{t.attribute}"], totals["n_candidates"]) for t in targets]
    return rows, body_checks


# --- Turnout -----------------------------------------------------------------------------

def turnout_areas(election: Election, hour: int, *, approved_only: bool = False, constituencies=None, areas=None):
    """Every voting area of the election (of ``areas`` when given, e.g. ``visible_areas(user)``)
    with its turnout at ``hour`` (``voted`` is None when the area has not reported), the state
    of that report, its constituency and unit. One query."""
    states = (ValueState.APPROVED,) if approved_only else COUNTED
    reports = TurnoutReport.objects.filter(area=OuterRef("pk"), hour=hour, state__in=states)
    qs = (areas if areas is not None else VotingArea.objects).filter(constituency__body__election=election)
    if constituencies is not None:
        qs = qs.filter(constituency__in=constituencies)
    return (
        qs.select_related("constituency__body__unit", "unit")
        .annotate(voted=Subquery(reports.values("voted")[:1]), report_state=Subquery(reports.values("state")[:1]))
        .order_by("constituency__body__kind", "constituency__number", "unit__path", "name")
    )


@dataclass
class TurnoutGroup:
    key: object
    label: str
    voters: int = 0
    voters_reported: int = 0
    voted: int = 0
    areas: int = 0
    reported: int = 0
    pending: int = 0
    missing: list = field(default_factory=list)

    @property
    def percent(self) -> Decimal | None:
        """Turnout among the areas that reported (their voted over their voters)."""
        return election_rules.share_percent(self.voted, self.voters_reported)


def turnout_board(areas) -> tuple[list[TurnoutGroup], list[TurnoutGroup], TurnoutGroup]:
    """Group ``turnout_areas`` rows by constituency and by unit, with the areas not yet reported."""
    by_constituency: dict = {}
    by_unit: dict = {}
    total = TurnoutGroup(None, "")
    for area in areas:
        c = area.constituency
        groups = [
            by_constituency.setdefault(c.pk, TurnoutGroup(c, f"{c.body} · {c.name}")),
            by_unit.setdefault(area.unit_id, TurnoutGroup(area.unit, area.unit.display_name)),
            total,
        ]
        for g in groups:
            g.areas += 1
            g.voters += area.voters
            if area.voted is None:
                g.missing.append(area)
            else:
                g.reported += 1
                g.voted += area.voted
                g.voters_reported += area.voters
                if area.report_state == ValueState.SUBMITTED:
                    g.pending += 1
    return list(by_constituency.values()), sorted(by_unit.values(), key=lambda g: g.key.path), total


# --- Results -----------------------------------------------------------------------------

@dataclass
class CandidateLine:
    candidate: Candidate
    votes: int
    percent: Decimal | None
    elected: bool = False
    majority: bool = False
    tied: bool = False


@dataclass
class ConstituencyCount:
    constituency: Constituency
    areas: int
    counted: int  # areas with an approved result
    voters: int
    issued: int
    received: int
    valid: int
    invalid: int
    lines: list
    count: election_rules.Count | None

    @property
    def complete(self) -> bool:
        return self.areas > 0 and self.counted == self.areas

    @property
    def elected(self) -> list:
        return [line for line in self.lines if line.elected]

    @property
    def action(self) -> str:
        return self.count.action if self.count and self.complete else ""

    @property
    def turnout_percent(self):
        return election_rules.share_percent(self.received, self.voters)


def constituency_counts(constituencies) -> list[ConstituencyCount]:
    """The count of each constituency from its APPROVED area results, with who is elected
    under the election's rules (only once every area's result is approved). Three queries."""
    constituencies = list(constituencies.select_related("body__election", "body__unit")
                          .prefetch_related("candidates"))
    if not constituencies:
        return []
    ids = [c.pk for c in constituencies]
    approved = Q(result__state=ValueState.APPROVED)
    sums = {
        row["constituency"]: row for row in
        VotingArea.objects.filter(constituency__in=ids).values("constituency").order_by().annotate(
            areas=Count("pk"), voters=Sum("voters"), counted=Count("result", filter=approved),
            issued=Coalesce(Sum("result__ballots_issued", filter=approved), 0),
            received=Coalesce(Sum("result__ballots_received", filter=approved), 0),
            valid=Coalesce(Sum("result__valid", filter=approved), 0),
            invalid=Coalesce(Sum("result__invalid", filter=approved), 0),
        )
    }
    votes = dict(
        CandidateVotes.objects.filter(candidate__constituency__in=ids, result__state=ValueState.APPROVED)
        .values("candidate").order_by().annotate(total=Sum("votes")).values_list("candidate", "total")
    )
    out = []
    for c in constituencies:
        s = sums.get(c.pk, {"areas": 0, "voters": 0, "counted": 0, "issued": 0, "received": 0, "valid": 0,
                            "invalid": 0})
        candidates = list(c.candidates.all())
        tally = election_rules.Tally(seats=c.seats, voters=s["voters"] or 0, received=s["received"], valid=s["valid"],
                                     votes={k.pk: votes.get(k.pk, 0) for k in candidates},
                                     birth_years={k.pk: k.birth_year for k in candidates})
        complete = s["areas"] and s["counted"] == s["areas"]
        result = election_rules.count(tally, c.body.election.rules) if complete else None
        lines = [CandidateLine(k, votes.get(k.pk, 0), election_rules.share_percent(votes.get(k.pk, 0), s["valid"]),
                               elected=bool(result and k.pk in result.elected),
                               majority=bool(result and k.pk in result.majority),
                               tied=bool(result and k.pk in result.tied)) for k in candidates]
        lines.sort(key=lambda line: (-line.votes, line.candidate.list_order, line.candidate.full_name))
        out.append(ConstituencyCount(c, s["areas"], s["counted"], s["voters"] or 0, s["issued"], s["received"],
                                     s["valid"], s["invalid"], lines, result))
    return out


def bodies_of(election: Election, user=None):
    """The election's bodies (those the user sees, ``visible_bodies``, when a user is given)."""
    bodies = visible_bodies(user, election) if user is not None else election.bodies.all()
    return bodies.select_related("unit").annotate(
        n_constituencies=Count("constituencies", distinct=True))


def target_history(election: Election, limit: int = 20) -> list[dict]:
    """The latest changes of the election's structure targets, newest first: when, who, which
    body and target, created/changed/removed and the share. Two queries."""
    from mandate.core.history import person

    records = list(StructureTarget.history.filter(body_id__in=election.bodies.values("pk"))
                   .select_related("history_user").order_by("-history_date", "-history_id")[:limit])
    bodies = {b.pk: b for b in Body.objects.filter(pk__in={r.body_id for r in records}).select_related("unit")}
    kinds = {"+": gettext("set"), "~": gettext("changed"), "-": gettext("removed")}
    return [{"when": timezone.localtime(r.history_date), "who": person(r.history_user), "body": bodies.get(r.body_id),
             "attribute": StructureAttribute(r.attribute).label if r.attribute in StructureAttribute.values
             else r.attribute, "kind": kinds.get(r.history_type, ""), "min_percent": r.min_percent}
            for r in records]
