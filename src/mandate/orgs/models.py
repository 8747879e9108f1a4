import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandate.core.models import TimeStampedModel

# Each level of the materialized path is the unit's id, zero padded, and a slash:
# a subtree is one ``path LIKE 'prefix%'`` and the child of X that holds a descendant
# is the first len(X.path) + SEGMENT characters of the descendant's path.
SEGMENT = 9


def path_segment(pk: int) -> str:
    return f"{pk:08d}/"


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    PARTY_COMMITTEE = "party_committee", _("Party Committee")
    EXECUTIVE_COMMITTEE = "executive_committee", _("Executive Committee")
    STANDING_COMMITTEE = "standing_committee", _("Standing Committee")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    PEOPLES_COUNCIL = "peoples_council", _("People's Council")
    DEPARTMENT = "department", _("Department")
    BOARD = "board", _("Board")
    CENTRE = "centre", _("Centre")
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    WARD = "ward", _("Ward")
    COMMUNE = "commune", _("Commune")
    VILLAGE = "village", _("Village or residential group")
    PARTY_ORGANIZATION = "party_organization", _("Grassroots Party organization")
    PARTY_CELL = "party_cell", _("Party cell")
    MASS_ORGANIZATION = "mass_organization", _("Mass organization")
    CENTRAL = "central", _("Central body")
    OTHER = "other", _("Other")


class OrgUnitQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        """Units that existed on ``day`` (valid_to is exclusive: the day it closed it is gone)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def subtree_of(self, unit: "OrgUnit", include_self: bool = True):
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def subtree_with_predecessors(self, unit: "OrgUnit", day: datetime.date):
        """The subtree of ``unit`` on ``day`` plus every unit merged into one of them by then."""
        current = OrgUnitAlias.objects.current_on(day).filter(
            unit=OuterRef("pk"), current__path__startswith=unit.path
        )
        return self.filter(Exists(current))

    def ancestors_of(self, unit: "OrgUnit", include_self: bool = True):
        prefixes = [unit.path[:i] for i in range(SEGMENT, len(unit.path) + 1, SEGMENT)]
        qs = self.filter(path__in=prefixes)
        return qs if include_self else qs.exclude(pk=unit.pk)


class OrgUnit(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices, default=UnitKind.OTHER)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("parent unit"))
    path = models.CharField(_("tree path"), max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True,
                                help_text=_("The first day on which the unit no longer exists."))
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False,
        help_text=_("Demo data: the exact composition of this unit is not known."),
    )
    history = HistoricalRecords(excluded_fields=["path", "depth"])

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="orgunit_valid_range",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name_vi

    def get_absolute_url(self):
        return reverse("orgs:unit", args=[self.pk])

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to > day)

    def save(self, *args, **kwargs):
        creating = self.pk is None
        super().save(*args, **kwargs)
        expected = (self.parent.path if self.parent_id else "") + path_segment(self.pk)
        if expected != self.path:
            self.path = expected
            self.depth = expected.count("/") - 1
            OrgUnit.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
        if creating:
            OrgUnitAlias.objects.get_or_create(unit=self, current=self, defaults={"since": None})


class SuccessionKind(models.TextChoices):
    MERGER = "merger", _("Merged into")
    SPLIT = "split", _("Split into")
    RENAME = "rename", _("Renamed or re-formed as")


class Succession(TimeStampedModel):
    """One predecessor → successor edge of a reorganization effective on ``effective_on``."""

    predecessor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="successions_out",
                                    verbose_name=_("predecessor"))
    successor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="successions_in",
                                  verbose_name=_("successor"))
    kind = models.CharField(_("kind"), max_length=10, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["effective_on", "pk"]
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_edge"),
            models.CheckConstraint(condition=~Q(predecessor=models.F("successor")), name="succession_not_self"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_on})"


class OrgUnitAliasQuerySet(models.QuerySet):
    def current_on(self, day: datetime.date):
        """Rows mapping each unit to the one unit that holds its figures on ``day``."""
        return self.filter(Q(since__isnull=True) | Q(since__lte=day)).filter(
            Q(current__valid_from__isnull=True) | Q(current__valid_from__lte=day),
            Q(current__valid_to__isnull=True) | Q(current__valid_to__gt=day),
        )


class OrgUnitAlias(models.Model):
    """Closure of mergers: ``unit``'s figures count under ``current`` from ``since`` on.

    Every unit has the row (itself, itself). A merger of A into C adds (A, C) and
    (X, C) for every X already counted under A. On any date a unit maps to at most one
    open unit, so rollups can join through this table without counting twice.
    Splits add no rows: the figures of a split unit stay with it.
    """

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="aliases")
    current = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="absorbed")
    since = models.DateField(null=True, blank=True)

    objects = OrgUnitAliasQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "current"], name="orgunitalias_unique")]
        indexes = [models.Index(fields=["current", "unit"])]

    def __str__(self):
        return f"{self.unit_id} → {self.current_id} since {self.since}"
