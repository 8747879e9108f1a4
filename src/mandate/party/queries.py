"""Reads of the party app, set-based, and the ONE privacy rule for personal data.

Names of members (and of inspected or disciplined members and defendants) are visible to
the member's own organization's committee, the committees above it, and the inspection
committees serving one of those; everyone else who may see the unit sees counts only.
``name_scope(user)`` decides it; pages, exports, the member search and the API all read
members through ``members_for(user)``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from mandate.accounts.access import membership_of, visible_units
from mandate.accounts.models import Role
from mandate.orgs.models import SEGMENT, OrgUnit, UnitKind

from . import rules
from .models import (
    ACTIVE_STATUSES,
    CorruptionCase,
    Discipline,
    EventKind,
    Inspection,
    InspectionBody,
    MemberEvent,
    MemberStint,
    PartyMember,
    RatingCampaign,
)

# Org units whose users are a Party committee (or a Party organization's committee).
COMMITTEE_KINDS = {UnitKind.PARTY_COMMITTEE, UnitKind.EXECUTIVE_COMMITTEE, UnitKind.STANDING_COMMITTEE,
                   UnitKind.PARTY_ORGANIZATION, UnitKind.PARTY_CELL}


def name_scope(user) -> str | None:
    """The tree path under which ``user`` may read members' names: "" for everything,
    None for nothing. A committee reads its subtree (its own organization and those
    below); an inspection committee reads the subtree of the committee it serves."""
    if getattr(user, "is_superuser", False):
        return ""
    membership = membership_of(user)
    if membership is None:
        return None
    unit = membership.org_unit
    if not hasattr(user, "_party_name_scope"):
        body = InspectionBody.objects.filter(org_unit=unit).select_related("scope").first()
        if body is not None:
            user._party_name_scope = body.scope.path
        elif unit.kind in COMMITTEE_KINDS:
            user._party_name_scope = unit.path
        else:
            user._party_name_scope = None
    return user._party_name_scope


def can_see_names(user, unit: OrgUnit) -> bool:
    path = name_scope(user)
    return path is not None and unit.path.startswith(path)


def counts_only_reason(user, unit: OrgUnit) -> str:
    """One plain sentence telling ``user`` why the pages about ``unit`` show counts and no
    names ("" when the names are visible). The rule itself is ``name_scope``: a unit that
    is not a Party committee (the province, a department) sees counts only, whatever its
    role, because members' personal data belong to the Party's own committees."""
    if can_see_names(user, unit):
        return ""
    membership = membership_of(user)
    if membership is not None and name_scope(user) is None:
        return _("You see counts only because your unit, %(unit)s, is not a Party committee or an inspection "
                 "committee: members' names are shown only to the Party committees of the member's organization "
                 "and above, and to the inspection committees serving them.") % {
            "unit": membership.org_unit.display_name}
    return _("You see counts only because %(unit)s is outside the Party organizations your committee leads: "
             "members' names are shown only to the Party committees of the member's organization and above, "
             "and to the inspection committees serving them.") % {"unit": unit.display_name}


def may_record_cases(user, unit: OrgUnit) -> bool:
    """Corruption and negativity cases under ``unit`` (with their defendants' names) are
    entered and corrected by a reporter or above of a Party committee or inspection
    committee whose name scope covers ``unit``: those who may read the names."""
    if getattr(user, "is_superuser", False):
        return True
    membership = membership_of(user)
    return bool(membership and membership.has_role(Role.REPORTER) and can_see_names(user, unit))


def case_units(user):
    """The Party committees under which ``user`` may record a case."""
    path = name_scope(user)
    membership = membership_of(user)
    if path is None or not (getattr(user, "is_superuser", False)
                            or (membership and membership.has_role(Role.REPORTER))):
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path__startswith=path, kind__in=COMMITTEE_KINDS, valid_to__isnull=True)


def count_scope(user):
    """Units whose member counts ``user`` may see: the subtree of their unit (as everywhere
    in Mandate) and, for an inspection committee, the committee it serves."""
    units = visible_units(user)
    path = name_scope(user)
    if path:
        units = units | OrgUnit.objects.filter(path__startswith=path)
    return units


def members_for(user):
    """Member records whose personal data ``user`` may read: by name scope, plus the
    user's own record. Every page, export, search and API endpoint uses this."""
    path = name_scope(user)
    own = Q(user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    if path is None:
        return PartyMember.objects.filter(own)
    if path == "":
        return PartyMember.objects.all()
    return PartyMember.objects.filter(Q(org_unit__path__startswith=path) | own)


def events_for(user):
    return MemberEvent.objects.filter(member__in=members_for(user).values("pk"))


def search_members(user, text: str):
    text = (text or "").strip()
    qs = members_for(user).select_related("org_unit")
    if not text:
        return qs
    return qs.filter(Q(full_name__icontains=text) | Q(code__iexact=text))


# ---- counts at a date ------------------------------------------------------------------

def active_stints(day: datetime.date):
    return MemberStint.objects.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gt=day))


def _count_under(stints, extra: Q | None = None):
    qs = stints.filter(org_unit__path__startswith=OuterRef("path"))
    if extra is not None:
        qs = qs.filter(extra)
    return Coalesce(Subquery(qs.order_by().values(g=Value(1)).annotate(n=Count("pk")).values("n")[:1],
                             output_field=IntegerField()), 0)


def member_counts(root: OrgUnit, day: datetime.date, user=None):
    """``root`` and its child units that exist on ``day``, each with the number of members
    in its subtree on that day: official, probationary (made official later or never),
    total. One query."""
    stints = active_stints(day)
    probationary = Q(member__official_on__isnull=True) | Q(member__official_on__gt=day)
    units = (OrgUnit.objects.valid_on(day).filter(Q(pk=root.pk) | Q(parent=root, kind__in=COMMITTEE_KINDS))
             .annotate(total=_count_under(stints), probationary=_count_under(stints, probationary))
             .annotate(official=F("total") - F("probationary"))
             .order_by("path"))
    if user is not None:
        units = units.filter(pk__in=count_scope(user).values("pk"))
    return units


def admissions_per_year(root: OrgUnit, first_year: int, last_year: int) -> dict[int, int]:
    """Admissions under ``root`` per calendar year, from the events. One query."""
    rows = (MemberEvent.objects.filter(kind=EventKind.ADMITTED, org_unit__path__startswith=root.path,
                                       on__year__gte=first_year, on__year__lte=last_year)
            .values_list("on__year").annotate(n=Count("pk")).order_by())
    found = dict(rows)
    return {year: found.get(year, 0) for year in range(first_year, last_year + 1)}


def admission_targets(root: OrgUnit, first_year: int, last_year: int) -> dict[int, Decimal]:
    """The admissions target of each year set for ``root`` (a target counting new Party
    members, whose period is that year). One query."""
    from mandate.targets.models import Target

    rows = (Target.objects.filter(org_unit=root, period_start__year__gte=first_year,
                                  period_end__year__lte=last_year, indicator__icontains="kết nạp")
            .values_list("period_start__year", "period_end__year", "value"))
    return {start: value for start, end, value in rows if start == end}


# ---- rating results ----------------------------------------------------------------------

@dataclass
class ResultRow:
    unit: OrgUnit
    counts: dict[str, int]
    rated: int
    well_or_better: int
    four_good: int = 0
    shares: dict[str, Decimal | None] = field(default_factory=dict)

    @property
    def well_share(self) -> Decimal | None:
        return rules.share(self.well_or_better, self.rated)

    @property
    def four_good_share(self) -> Decimal | None:
        return rules.share(self.four_good, self.rated)


MAX_DEPTH = 16


def _results_sql(table: str, grade_column: str, codes: list[str], good: list[str], extra_column: str | None):
    """Per unit (the root and its children), counts of each grade over the unit's subtree.

    The ratings are first grouped per rating organization (a few thousand rows at most),
    then each group is attributed to every ancestor through an equality join on the
    ancestor's path prefix (``substr(path, 1, 9 * n)`` for n = 1..depth): set-based,
    index-friendly, and the same SQL on SQLite and PostgreSQL."""
    grade_sums = ", ".join(f"SUM(CASE WHEN r.{grade_column} = %s THEN 1 ELSE 0 END) AS g{i}"
                           for i in range(len(codes)))
    good_marks = ", ".join(["%s"] * len(good)) or "NULL"
    extra = f", SUM(CASE WHEN r.{extra_column} THEN 1 ELSE 0 END) AS extra" if extra_column else ", 0 AS extra"
    outer_sums = ", ".join(f"SUM(p.g{i})" for i in range(len(codes)))
    levels = " UNION ALL ".join(f"SELECT {n} AS n" for n in range(1, MAX_DEPTH + 1))
    return f"""
        WITH per_org AS (
            SELECT o.path AS path, COUNT(*) AS rated,
                   SUM(CASE WHEN r.{grade_column} IN ({good_marks}) THEN 1 ELSE 0 END) AS good,
                   {grade_sums} {extra}
            FROM {table} r JOIN orgs_orgunit o ON o.id = r.org_unit_id
            WHERE r.campaign_id = %s AND r.{grade_column} <> '' AND o.path LIKE %s
            GROUP BY o.path
        ), levels AS ({levels})
        SELECT u.id, SUM(p.rated), SUM(p.good), {outer_sums}, SUM(p.extra)
        FROM per_org p
        JOIN levels l ON length(p.path) >= {SEGMENT} * l.n
        JOIN orgs_orgunit u ON u.path = substr(p.path, 1, {SEGMENT} * l.n)
        WHERE u.id = %s OR u.parent_id = %s
        GROUP BY u.id
    """


def rating_results(campaign: RatingCampaign, root: OrgUnit, *, organizations: bool = False) -> list[ResultRow]:
    """Results of ``campaign`` at ``root`` and at each of its children, over their subtrees:
    the number of each decided grade and the shares. Two queries (the grouped ratings and
    the units), whatever the number of members."""
    rule_set = campaign.rule_set
    data = rule_set.data()
    codes, good = data.codes, sorted(data.well_or_better)
    if organizations:
        sql = _results_sql("party_orgrating", "decided_grade", codes, good, "four_good")
    else:
        sql = _results_sql("party_memberrating", "decided_grade", codes, good, None)
    params = [*good, *codes, campaign.pk, root.path + "%", root.pk, root.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {row[0]: row[1:] for row in cursor.fetchall()}
    units = OrgUnit.objects.filter(pk__in=found).order_by("path")
    rows = []
    for unit in units:
        rated, well, *grade_counts, extra = found[unit.pk]
        counts = dict(zip(codes, [int(c or 0) for c in grade_counts], strict=True))
        row = ResultRow(unit=unit, counts=counts, rated=int(rated or 0), well_or_better=int(well or 0),
                        four_good=int(extra or 0))
        row.shares = {code: rules.share(n, row.rated) for code, n in counts.items()}
        rows.append(row)
    return rows


def visible_campaigns(user):
    """Campaigns of a committee in the user's scope, or of a committee above the user's unit
    (a cell takes part in its committee's rating)."""
    membership = membership_of(user)
    above = Q(pk__in=[])
    if membership is not None:
        path = membership.org_unit.path
        above = Q(org_unit__path__in=[path[:i] for i in range(SEGMENT, len(path), SEGMENT)])
    return (RatingCampaign.objects.filter(Q(org_unit__in=count_scope(user)) | above)
            .select_related("org_unit", "rule_set"))


# ---- inspections, discipline, cases -------------------------------------------------------

def _subject_private(path: str | None, prefix: str):
    """Records about a member are personal: only within the name scope. Records about an
    organization are visible to whoever may see the unit concerned."""
    member = Q(**{f"{prefix}subject_type": "member"})
    if path is None:
        return ~member
    if path == "":
        return Q()
    return ~member | Q(**{f"{prefix}org_unit__path__startswith": path})


def inspections_for(user):
    units = count_scope(user)
    return Inspection.objects.filter(Q(org_unit__in=units) | Q(body__in=units)).filter(
        _subject_private(name_scope(user), ""))


def disciplines_for(user):
    units = count_scope(user)
    return Discipline.objects.filter(Q(org_unit__in=units) | Q(body__in=units)).filter(
        _subject_private(name_scope(user), ""))


def cases_for(user):
    return CorruptionCase.objects.filter(org_unit__in=count_scope(user))


def defendant_names_visible(user, case: CorruptionCase) -> bool:
    return can_see_names(user, case.org_unit)


@dataclass
class TermLine:
    table: str
    kind: str
    kind_label: str
    level: str
    level_label: str
    subject: str
    subject_label: str
    current: int
    previous: int

    @property
    def change(self) -> Decimal | None:
        return rules.percent_change(self.current, self.previous)


def _window(term_start, until, prev_start):
    length = until - term_start
    return prev_start, prev_start + length


def term_report(scope: OrgUnit, term_start: datetime.date, until: datetime.date,
                previous_start: datetime.date) -> dict[str, list[TermLine]]:
    """Counts by kind, level and subject for this term (``term_start``..``until``) and the
    same stretch of the previous term (from ``previous_start``, as many days). One grouped
    query per table: inspections, disciplines, cases."""
    from .models import BodyLevel, CaseKind, DisciplineForm, InspectionKind, SubjectType

    prev_from, prev_until = _window(term_start, until, previous_start)
    labels_level = dict(BodyLevel.choices)
    labels_subject = dict(SubjectType.choices)

    def grouped(qs, date_field, kind_field, kind_labels, subject_field, table):
        now = Q(**{f"{date_field}__gte": term_start, f"{date_field}__lte": until})
        before = Q(**{f"{date_field}__gte": prev_from, f"{date_field}__lte": prev_until})
        fields = [kind_field, "level"] + ([subject_field] if subject_field else [])
        rows = (qs.filter(now | before).values(*fields)
                .annotate(current=Count("pk", filter=now), previous=Count("pk", filter=before))
                .order_by(*fields))
        return [TermLine(table=table, kind=r[kind_field], kind_label=str(kind_labels.get(r[kind_field], "")),
                         level=r["level"], level_label=str(labels_level.get(r["level"], "")),
                         subject=r.get(subject_field, "") if subject_field else "",
                         subject_label=str(labels_subject.get(r.get(subject_field), "")) if subject_field else "",
                         current=r["current"], previous=r["previous"]) for r in rows]

    in_scope = Q(body__path__startswith=scope.path)
    return {
        "inspections": grouped(Inspection.objects.filter(in_scope), "started_on", "kind",
                               dict(InspectionKind.choices), "subject_type", "inspections"),
        "disciplines": grouped(Discipline.objects.filter(in_scope), "decided_on", "form",
                               dict(DisciplineForm.choices), "subject_type", "disciplines"),
        "cases": grouped(CorruptionCase.objects.filter(org_unit__path__startswith=scope.path), "opened_on", "kind",
                         dict(CaseKind.choices), None, "cases"),
    }


def case_totals(scope: OrgUnit, start: datetime.date, until: datetime.date) -> dict:
    """Cases, defendants and those monitored by the steering committee. One query."""
    from django.db.models import Sum

    qs = CorruptionCase.objects.filter(org_unit__path__startswith=scope.path, opened_on__gte=start,
                                       opened_on__lte=until)
    return qs.aggregate(cases=Count("pk", filter=Q(kind="case")), incidents=Count("pk", filter=Q(kind="incident")),
                        defendants=Coalesce(Sum("defendant_count"), 0),
                        monitored_cases=Count("pk", filter=Q(kind="case", steering_monitored=True)),
                        monitored_incidents=Count("pk", filter=Q(kind="incident", steering_monitored=True)))


def member_is_active(member: PartyMember) -> bool:
    return member.status in ACTIVE_STATUSES


__all__ = ["name_scope", "can_see_names", "members_for", "search_members", "member_counts", "rating_results",
           "term_report", "Exists"]
