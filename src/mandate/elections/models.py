"""Elections of deputies: the election and its bodies, the legal milestones (data, turned
into tasks), constituencies with seats and voting areas, candidates with the facts a public
candidate list carries, structure targets, turnout through election day and the results
per voting area. Every figure goes through draft → submitted → approved (or returned)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStampedModel, VersionedModel
from mandate.targets.models import ValueState

from . import rules as election_rules


def _bilingual(vi: str, en: str) -> str:
    return en if (get_language() or "vi").startswith("en") and en else vi


class ElectionQuerySet(models.QuerySet):
    def visible_from(self, path: str):
        """Elections organized in the subtree at ``path`` or by a unit above it (an election
        concerns every unit under its organizer)."""
        ancestors = [path[:i] for i in range(9, len(path) + 1, 9)]
        return self.filter(Q(organizer__path__startswith=path) | Q(organizer__path__in=ancestors))


class Election(VersionedModel):
    """One election day with its bodies and the numbers of the legal rules (as data)."""

    name_vi = models.CharField(_("name (Vietnamese)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    organizer = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="organized_elections",
                                  verbose_name=_("organizing unit"))
    term = models.CharField(_("term"), max_length=20, help_text=_("For example 2026-2031."))
    election_day = models.DateField(_("election day"))
    # The legal rules, as data.
    extra_candidates = models.PositiveSmallIntegerField(_("more candidates than seats, at least"), default=1)
    extra_candidates_large = models.PositiveSmallIntegerField(
        _("more candidates than seats where many are elected, at least"), default=2)
    large_from_seats = models.PositiveSmallIntegerField(_("“many” means this number of seats or more"), default=3)
    majority_percent = models.DecimalField(_("elected with more than this share of valid ballots (%)"),
                                           max_digits=5, decimal_places=2, default=Decimal(50))
    min_turnout_percent = models.DecimalField(_("vote repeated when turnout is under (%)"), max_digits=5,
                                              decimal_places=2, default=Decimal(50))
    young_age = models.PositiveSmallIntegerField(_("young: under this age on election day"), default=40)
    tie_break_older = models.BooleanField(_("a tie at the last seat goes to the older candidate"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    objects = ElectionQuerySet.as_manager()

    class Meta:
        ordering = ["-election_day", "pk"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return _bilingual(self.name_vi, self.name_en)

    def get_absolute_url(self):
        return reverse("elections:detail", args=[self.pk])

    @property
    def rules(self) -> election_rules.Rules:
        return election_rules.Rules(
            extra_candidates=self.extra_candidates, extra_candidates_large=self.extra_candidates_large,
            large_from_seats=self.large_from_seats, majority_percent=self.majority_percent,
            min_turnout_percent=self.min_turnout_percent, young_age=self.young_age,
            tie_break_older=self.tie_break_older,
        )


class BodyKind(models.TextChoices):
    NATIONAL_ASSEMBLY = "national_assembly", _("National Assembly")
    PROVINCIAL_COUNCIL = "provincial_council", _("provincial People's Council")
    COMMUNE_COUNCIL = "commune_council", _("commune-level People's Council")


class Body(VersionedModel):
    """A body elected on the day: the National Assembly (the province's share), the
    provincial People's Council, or one commune's or ward's People's Council."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="bodies",
                                 verbose_name=_("election"))
    kind = models.CharField(_("body"), max_length=30, choices=BodyKind.choices)
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="elected_bodies",
                             verbose_name=_("unit"), help_text=_("The province, or the commune or ward whose "
                                                                 "council is elected."))
    seats = models.PositiveSmallIntegerField(_("deputies to elect"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["election", "kind", "unit__path"]
        verbose_name = _("elected body")
        verbose_name_plural = _("elected bodies")
        constraints = [models.UniqueConstraint(fields=["election", "kind", "unit"], name="body_unique")]

    def __str__(self):
        if self.kind == BodyKind.COMMUNE_COUNCIL:
            return f"{self.get_kind_display()} · {self.unit.display_name}"
        return str(self.get_kind_display())


class ResponsibleLevel(models.TextChoices):
    PROVINCE = "province", _("the organizing unit (province)")
    COMMUNE = "commune", _("every commune and ward")


class LegalMilestone(TimeStampedModel):
    """A step of the legal schedule, counted from election day (negative: after it)."""

    title_vi = models.CharField(_("title (Vietnamese)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    days_before = models.SmallIntegerField(_("days before election day"),
                                           help_text=_("A negative number counts days after election day."))
    responsible_level = models.CharField(_("responsible level"), max_length=10, choices=ResponsibleLevel.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("used for new elections"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-days_before", "sort_order", "pk"]
        verbose_name = _("legal milestone")
        verbose_name_plural = _("legal milestones")

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return _bilingual(self.title_vi, self.title_en)


class ElectionMilestone(TimeStampedModel):
    """A legal milestone for one election: its computed date and the batch of tasks made from it."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="milestones",
                                 verbose_name=_("election"))
    milestone = models.ForeignKey(LegalMilestone, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("legal milestone"))
    due_on = models.DateField(_("due on"))
    batch = models.UUIDField(_("task batch"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "milestone__sort_order", "pk"]
        verbose_name = _("election milestone")
        verbose_name_plural = _("election milestones")
        constraints = [models.UniqueConstraint(fields=["election", "milestone"], name="election_milestone_unique")]

    def __str__(self):
        return f"{self.milestone} · {self.due_on:%d/%m/%Y}"


class Constituency(VersionedModel):
    """An electoral constituency of one body, electing ``seats`` deputies."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="constituencies",
                             verbose_name=_("elected body"))
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("seats"))
    units = models.ManyToManyField("orgs.OrgUnit", blank=True, related_name="constituencies",
                                   verbose_name=_("units covered"))
    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        ordering = ["body", "number"]
        verbose_name = _("constituency")
        verbose_name_plural = _("constituencies")
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="constituency_number_unique"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="constituency_seats_min_1"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("elections:constituency", args=[self.pk])


class VotingArea(VersionedModel):
    """A voting area (khu vực bỏ phiếu) of a constituency, in one commune or ward."""

    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="areas",
                                     verbose_name=_("constituency"))
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="voting_areas",
                             verbose_name=_("commune or ward"))
    name = models.CharField(_("name"), max_length=200)
    voters = models.PositiveIntegerField(_("voters on the list"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["constituency", "unit__path", "name", "pk"]
        verbose_name = _("voting area")
        verbose_name_plural = _("voting areas")
        constraints = [models.UniqueConstraint(fields=["constituency", "name"], name="voting_area_name_unique")]

    def __str__(self):
        return f"{self.name} · {self.unit.display_name}"

    def get_absolute_url(self):
        return reverse("elections:area", args=[self.pk])


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")


class Nomination(models.TextChoices):
    NOMINATED = "nominated", _("nominated")
    SELF = "self", _("self-nominated")


class Candidate(VersionedModel):
    """A candidate on a constituency's list, with only the facts the published list carries."""

    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="candidates",
                                     verbose_name=_("constituency"))
    full_name = models.CharField(_("full name"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=60)
    is_ethnic_minority = models.BooleanField(_("ethnic minority"), default=False)
    occupation = models.CharField(_("occupation and position"), max_length=300)
    is_party_member = models.BooleanField(_("Party member"), default=False)
    nomination = models.CharField(_("nomination"), max_length=10, choices=Nomination.choices,
                                  default=Nomination.NOMINATED)
    list_order = models.PositiveSmallIntegerField(_("order on the list"), default=0)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["constituency", "list_order", "full_name", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self):
        return self.full_name

    def age_on(self, day) -> int:
        return day.year - self.birth_year


class StructureAttribute(models.TextChoices):
    WOMEN = "women", _("women")
    ETHNIC_MINORITY = "ethnic_minority", _("ethnic minorities")
    YOUNG = "young", _("young candidates")
    NON_PARTY = "non_party", _("non-Party candidates")


class StructureTarget(VersionedModel):
    """A structure target of a body's candidate lists: at least ``min_percent`` of them are women,
    from ethnic minorities, young or outside the Party. Checked per body and per constituency."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="structure_targets",
                             verbose_name=_("elected body"))
    attribute = models.CharField(_("who"), max_length=20, choices=StructureAttribute.choices)
    min_percent = models.DecimalField(_("minimum share of candidates (%)"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "attribute"]
        verbose_name = _("structure target")
        verbose_name_plural = _("structure targets")
        constraints = [models.UniqueConstraint(fields=["body", "attribute"], name="structure_target_unique")]

    def __str__(self):
        return f"{self.get_attribute_display()} ≥ {self.min_percent}%"


class TurnoutHour(models.IntegerChoices):
    H09 = 9, "09:00"
    H11 = 11, "11:00"
    H14 = 14, "14:00"
    H16 = 16, "16:00"
    H19 = 19, _("19:00 (close)")


class FigureMixin(models.Model):
    """Who entered, submitted and decided a figure, and in what state it is."""

    state = models.CharField(_("state"), max_length=10, choices=ValueState.choices, default=ValueState.DRAFT,
                             db_index=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("entered by"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.TextField(_("comment"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        abstract = True


class TurnoutReport(FigureMixin, VersionedModel):
    """How many voters of a voting area had voted at a fixed hour of election day."""

    area = models.ForeignKey(VotingArea, on_delete=models.CASCADE, related_name="turnout_reports",
                             verbose_name=_("voting area"))
    hour = models.PositiveSmallIntegerField(_("hour"), choices=TurnoutHour.choices)
    voted = models.PositiveIntegerField(_("voters who voted"))
    voters = models.PositiveIntegerField(_("voters on the list"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "hour"]
        verbose_name = _("turnout report")
        verbose_name_plural = _("turnout reports")
        constraints = [
            models.UniqueConstraint(fields=["area", "hour"], name="turnout_once_per_hour"),
            models.CheckConstraint(condition=Q(voted__lte=models.F("voters")), name="turnout_not_above_voters"),
        ]

    def __str__(self):
        return f"{self.area} · {self.get_hour_display()}: {self.voted}/{self.voters}"

    @property
    def percent(self):
        return election_rules.share_percent(self.voted, self.voters)


class AreaResult(FigureMixin, VersionedModel):
    """The count of one voting area: ballots and votes per candidate."""

    area = models.OneToOneField(VotingArea, on_delete=models.CASCADE, related_name="result",
                                verbose_name=_("voting area"))
    ballots_issued = models.PositiveIntegerField(_("ballots issued"))
    ballots_received = models.PositiveIntegerField(_("ballots received"))
    valid = models.PositiveIntegerField(_("valid ballots"))
    invalid = models.PositiveIntegerField(_("invalid ballots"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["area"]
        verbose_name = _("voting area result")
        verbose_name_plural = _("voting area results")
        constraints = [
            models.CheckConstraint(condition=Q(ballots_received__lte=models.F("ballots_issued")),
                                   name="result_received_not_above_issued"),
        ]

    def __str__(self):
        return f"{self.area}: {self.valid}"

    def get_absolute_url(self):
        return reverse("elections:area", args=[self.area_id])


class CandidateVotes(models.Model):
    result = models.ForeignKey(AreaResult, on_delete=models.CASCADE, related_name="votes",
                               verbose_name=_("result"))
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="area_votes",
                                  verbose_name=_("candidate"))
    votes = models.PositiveIntegerField(_("votes"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["result", "candidate__list_order", "candidate__pk"]
        verbose_name = _("votes for a candidate")
        verbose_name_plural = _("votes for candidates")
        constraints = [models.UniqueConstraint(fields=["result", "candidate"], name="votes_once_per_candidate")]

    def __str__(self):
        return f"{self.candidate}: {self.votes}"
