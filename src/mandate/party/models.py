"""Party building: members of Party organizations (org units) and the events that move
them, the annual rating campaigns with their rule sets, inspection and supervision,
discipline and corruption cases.

Member counts are never typed: every admission, transfer and exit is a ``MemberEvent``,
and each event opens or closes a ``MemberStint`` (the member in one organization from a
day to a day), from which counts at any date are one query.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStampedModel, VersionedModel

from .rules import RuleSetData


class Sex(models.TextChoices):
    MALE = "male", _("male")
    FEMALE = "female", _("female")


class MemberStatus(models.TextChoices):
    PROBATIONARY = "probationary", _("probationary member")
    OFFICIAL = "official", _("official member")
    TRANSFERRED_OUT = "transferred_out", _("transferred out")
    DECEASED = "deceased", _("deceased")
    EXPELLED = "expelled", _("expelled")


ACTIVE_STATUSES = (MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL)


class PartyMember(VersionedModel):
    code = models.CharField(_("member code"), max_length=40, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=60, blank=True)
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="party_members",
                                 verbose_name=_("Party organization"))
    admitted_on = models.DateField(_("admitted on"))
    official_on = models.DateField(_("made official on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MemberStatus.choices,
                              default=MemberStatus.PROBATIONARY, db_index=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="party_member", verbose_name=_("user account"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["org_unit__path", "full_name", "pk"]
        verbose_name = _("Party member")
        verbose_name_plural = _("Party members")

    def __str__(self):
        return f"{self.full_name} ({self.code})"

    def get_absolute_url(self):
        return reverse("party:member", args=[self.pk])


class EventKind(models.TextChoices):
    ADMITTED = "admitted", _("admitted")
    MADE_OFFICIAL = "made_official", _("made official")
    TRANSFERRED_IN = "transferred_in", _("transferred in from outside")
    TRANSFERRED = "transferred", _("transferred between organizations")
    TRANSFERRED_OUT = "transferred_out", _("transferred out")
    DECEASED = "deceased", _("deceased")
    EXPELLED = "expelled", _("expelled")


EXIT_KINDS = (EventKind.TRANSFERRED_OUT, EventKind.DECEASED, EventKind.EXPELLED)


class MemberEvent(TimeStampedModel):
    """One dated event in a member's record, with the decision that made it."""

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="events",
                               verbose_name=_("member"))
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    on = models.DateField(_("date"))
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="party_events",
                                 verbose_name=_("Party organization"))
    from_unit = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="party_events_out", verbose_name=_("from organization"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("recorded by"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("member event")
        verbose_name_plural = _("member events")
        indexes = [models.Index(fields=["kind", "on"]), models.Index(fields=["org_unit", "kind", "on"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.on}"


class MemberStint(models.Model):
    """The member belonged to ``org_unit`` from ``start`` until the day before ``end``.
    Written only by the event services; counts at a date read these rows."""

    member = models.ForeignKey(PartyMember, on_delete=models.CASCADE, related_name="stints")
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="party_stints")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["org_unit", "start", "end"]), models.Index(fields=["member", "start"])]
        constraints = [models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gt=models.F("start")),
                                              name="memberstint_range")]

    def __str__(self):
        return f"{self.member_id} in {self.org_unit_id} from {self.start} to {self.end}"


class BodyLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("provincial")
    DISTRICT = "district", _("district or directly above grassroots")
    GRASSROOTS = "grassroots", _("grassroots")


class InspectionBody(models.Model):
    """An org unit that is an inspection committee: its users see the names of members in
    the subtree of ``scope`` (the Party committee it serves)."""

    org_unit = models.OneToOneField("orgs.OrgUnit", on_delete=models.CASCADE, related_name="inspection_body",
                                    verbose_name=_("inspection committee"))
    scope = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="inspection_bodies",
                              verbose_name=_("serves the Party committee"))
    level = models.CharField(_("level"), max_length=20, choices=BodyLevel.choices)

    class Meta:
        verbose_name = _("inspection committee")
        verbose_name_plural = _("inspection committees")

    def __str__(self):
        return str(self.org_unit)


class PartyTerm(models.Model):
    """A congress term (2020-2025): the term report compares it with the one before."""

    name = models.CharField(_("term"), max_length=20, unique=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self):
        return self.name


class RatingRuleSet(models.Model):
    """The rules of a rating campaign as data: a later regulation is a new row."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    grades = models.JSONField(_("grades, best first"))
    excellent = models.CharField(_("capped grade"), max_length=30)
    quota_percent = models.DecimalField(_("cap in percent of those rated well or better"), max_digits=5,
                                        decimal_places=2, null=True, blank=True)
    rounding = models.CharField(_("rounding of the cap"), max_length=10, default="down",
                                choices=[("down", _("down")), ("nearest", _("nearest")), ("up", _("up"))])
    minimum_allowed = models.PositiveSmallIntegerField(_("always allowed"), default=0)
    points_bands = models.JSONField(_("points bands"), default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("rating rule set")
        verbose_name_plural = _("rating rule sets")

    def __str__(self):
        return self.name

    def data(self) -> RuleSetData:
        return RuleSetData.from_json(self.grades, self.excellent, self.quota_percent, self.rounding,
                                     self.minimum_allowed, self.points_bands)

    def grade_choices(self) -> list[tuple[str, str]]:
        english = (get_language() or "vi").startswith("en")
        return [(g["code"], g.get("label_en" if english else "label_vi", g["code"])) for g in self.grades]

    def label(self, code: str | None) -> str:
        return dict(self.grade_choices()).get(code, code or "")


class CampaignState(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed, results published")


class RatingCampaign(VersionedModel):
    """The annual rating of one Party committee's members and organizations."""

    year = models.PositiveSmallIntegerField(_("year"))
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="rating_campaigns",
                                 verbose_name=_("Party committee"))
    rule_set = models.ForeignKey(RatingRuleSet, on_delete=models.PROTECT, related_name="campaigns",
                                 verbose_name=_("rules"))
    reference_date = models.DateField(_("members counted on"),
                                      help_text=_("Members are rated in the organization they belong to on this day."))
    state = models.CharField(_("state"), max_length=10, choices=CampaignState.choices, default=CampaignState.OPEN)
    member_target = models.ForeignKey("targets.Target", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+", verbose_name=_("target: members well or better"))
    org_target = models.ForeignKey("targets.Target", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("target: organizations well or better"))
    four_good_target = models.ForeignKey("targets.Target", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+", verbose_name=_("target: 4-good organizations"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "org_unit__path"]
        verbose_name = _("rating campaign")
        verbose_name_plural = _("rating campaigns")
        constraints = [models.UniqueConstraint(fields=["org_unit", "year"], name="campaign_unique_year")]

    def __str__(self):
        return f"{self.year} · {self.org_unit}"

    def get_absolute_url(self):
        return reverse("party:campaign", args=[self.pk])


class MemberRating(VersionedModel):
    """One member's rating: self-assessment, then the cell's proposal, then the decision."""

    campaign = models.ForeignKey(RatingCampaign, on_delete=models.CASCADE, related_name="member_ratings",
                                 verbose_name=_("campaign"))
    member = models.ForeignKey(PartyMember, on_delete=models.PROTECT, related_name="ratings",
                               verbose_name=_("member"))
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("rating group"))
    self_grade = models.CharField(_("self-assessment"), max_length=30, blank=True)
    self_points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, null=True, blank=True)
    self_note = models.TextField(_("self-assessment note"), blank=True)
    self_at = models.DateTimeField(null=True, blank=True)
    proposed_grade = models.CharField(_("cell's proposal"), max_length=30, blank=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    decided_grade = models.CharField(_("committee's decision"), max_length=30, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["org_unit__path", "member__full_name"]
        verbose_name = _("member rating")
        verbose_name_plural = _("member ratings")
        constraints = [models.UniqueConstraint(fields=["campaign", "member"], name="member_rating_unique")]
        indexes = [models.Index(fields=["campaign", "org_unit", "decided_grade"])]


class OrgRating(VersionedModel):
    """An organization's rating by the committee above it, with the 4-good standard."""

    campaign = models.ForeignKey(RatingCampaign, on_delete=models.CASCADE, related_name="org_ratings",
                                 verbose_name=_("campaign"))
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("Party organization"))
    self_grade = models.CharField(_("self-assessment"), max_length=30, blank=True)
    decided_grade = models.CharField(_("committee's decision"), max_length=30, blank=True, db_index=True)
    four_good = models.BooleanField(_("meets the 4-good standard"), default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["org_unit__path"]
        verbose_name = _("organization rating")
        verbose_name_plural = _("organization ratings")
        constraints = [models.UniqueConstraint(fields=["campaign", "org_unit"], name="org_rating_unique")]


class RatingStage(models.TextChoices):
    PROPOSAL = "proposal", _("cell's proposal")
    DECISION = "decision", _("committee's decision")


class QuotaRefusal(models.Model):
    """A proposal or decision refused because it broke the quota: kept so the committee
    sees what was tried (the grades were not saved)."""

    campaign = models.ForeignKey(RatingCampaign, on_delete=models.CASCADE, related_name="quota_refusals")
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=10, choices=RatingStage.choices)
    excellent = models.PositiveIntegerField()
    well_or_better = models.PositiveIntegerField()
    allowed = models.PositiveIntegerField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.excellent}/{self.well_or_better} > {self.allowed}"


class InspectionKind(models.TextChoices):
    REGULAR_INSPECTION = "regular_inspection", _("regular inspection")
    SIGNS_OF_VIOLATION = "signs_of_violation", _("inspection on signs of violation")
    THEMATIC_SUPERVISION = "thematic_supervision", _("thematic supervision")
    REGULAR_SUPERVISION = "regular_supervision", _("regular supervision")


class SubjectType(models.TextChoices):
    ORGANIZATION = "organization", _("organization")
    MEMBER = "member", _("member")


class Inspection(VersionedModel):
    body = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="inspections_done",
                             verbose_name=_("done by"))
    level = models.CharField(_("level"), max_length=20, choices=BodyLevel.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=InspectionKind.choices)
    subject_type = models.CharField(_("subject"), max_length=20, choices=SubjectType.choices)
    subject_org = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="inspections", verbose_name=_("organization inspected"))
    subject_member = models.ForeignKey(PartyMember, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="inspections", verbose_name=_("member inspected"))
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("organization concerned"),
                                 help_text=_("The organization inspected, or the member's organization."))
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"))
    findings = models.TextField(_("findings"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("inspection or supervision")
        verbose_name_plural = _("inspections and supervision")
        indexes = [models.Index(fields=["started_on", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_type="organization", subject_org__isnull=False, subject_member__isnull=True)
                           | Q(subject_type="member", subject_member__isnull=False, subject_org__isnull=True)),
                name="inspection_one_subject"),
            models.CheckConstraint(condition=Q(ended_on__gte=models.F("started_on")), name="inspection_period"),
        ]

    def get_absolute_url(self):
        return reverse("party:inspection", args=[self.pk])


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("reprimand")
    WARNING = "warning", _("warning")
    DISMISSAL = "dismissal", _("dismissal from post")
    EXPULSION = "expulsion", _("expulsion")
    DISSOLUTION = "dissolution", _("dissolution")


MEMBER_ONLY = {DisciplineForm.DISMISSAL, DisciplineForm.EXPULSION}
ORG_ONLY = {DisciplineForm.DISSOLUTION}


class Discipline(VersionedModel):
    body = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="disciplines_decided",
                             verbose_name=_("decided by"))
    level = models.CharField(_("level"), max_length=20, choices=BodyLevel.choices)
    inspection = models.ForeignKey(Inspection, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="disciplines", verbose_name=_("following the inspection"))
    form = models.CharField(_("discipline"), max_length=20, choices=DisciplineForm.choices)
    subject_type = models.CharField(_("subject"), max_length=20, choices=SubjectType.choices)
    subject_org = models.ForeignKey("orgs.OrgUnit", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="disciplines", verbose_name=_("organization disciplined"))
    subject_member = models.ForeignKey(PartyMember, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="disciplines", verbose_name=_("member disciplined"))
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("organization concerned"))
    decided_on = models.DateField(_("decided on"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_type="organization", subject_org__isnull=False, subject_member__isnull=True)
                           | Q(subject_type="member", subject_member__isnull=False, subject_org__isnull=True)),
                name="discipline_one_subject"),
        ]


class CaseKind(models.TextChoices):
    CASE = "case", _("criminal case")
    INCIDENT = "incident", _("incident")


class CorruptionCase(VersionedModel):
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=CaseKind.choices, default=CaseKind.CASE)
    org_unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, related_name="corruption_cases",
                                 verbose_name=_("handled under"))
    level = models.CharField(_("level"), max_length=20, choices=BodyLevel.choices, default=BodyLevel.PROVINCIAL)
    opened_on = models.DateField(_("detected on"))
    steering_monitored = models.BooleanField(_("monitored directly by the steering committee"), default=False)
    defendant_count = models.PositiveIntegerField(
        _("number of defendants"), default=0,
        help_text=_("The figure the term report adds up. Names may be recorded for fewer of them, while the "
                    "others are not known."))
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("corruption or negativity case")
        verbose_name_plural = _("corruption and negativity cases")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("party:case", args=[self.pk])


class Defendant(models.Model):
    case = models.ForeignKey(CorruptionCase, on_delete=models.CASCADE, related_name="defendants")
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("defendant")
        verbose_name_plural = _("defendants")

    def __str__(self):
        return self.full_name


class PersonalDataExport(models.Model):
    """Who exported personal data, when, and what."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=300)
    org_unit = models.ForeignKey("orgs.OrgUnit", null=True, on_delete=models.SET_NULL, related_name="+")
    rows = models.PositiveIntegerField(default=0)
    channel = models.CharField(max_length=20, default="page")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.what} ({self.at})"
