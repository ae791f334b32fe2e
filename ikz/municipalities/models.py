"""Municipalities, municipal organisations, their population figures, and IKZ regions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ikz.audit.models import Versioned
from ikz.lib import ags
from ikz.municipalities import rules


class Level(models.TextChoices):
    LAND = "land", _("Land")
    REGIERUNGSBEZIRK = "regierungsbezirk", _("Regierungsbezirk")
    REGION = "region", _("Region")
    KREIS = "kreis", _("Kreisebene")
    VERBAND = "verband", _("Gemeindeverband")
    GEMEINDE = "gemeinde", _("Gemeindeebene")
    ORGANISATION = "organisation", _("Kommunale Organisation")


class Kind(models.TextChoices):
    LAND = "land", _("Land")
    REGIERUNGSBEZIRK = "regierungsbezirk", _("Regierungsbezirk")
    REGION = "region", _("Region")
    LANDKREIS = "landkreis", _("Landkreis")
    KREIS = "kreis", _("Kreis")
    KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
    STADTKREIS = "stadtkreis", _("Stadtkreis")
    REGIONALVERBAND = "regionalverband", _("Regionalverband")
    GEMEINDEVERBAND = "gemeindeverband", _("Gemeindeverband")
    GEMEINDE = "gemeinde", _("Gemeinde")
    STADT = "stadt", _("Stadt")
    MARKT = "markt", _("Markt")
    GROSSE_KREISSTADT = "grosse_kreisstadt", _("Große Kreisstadt")
    SONDERSTATUSSTADT = "sonderstatusstadt", _("Sonderstatusstadt")
    GEMEINDEFREI = "gemeindefrei", _("Gemeindefreies Gebiet")
    JOBCENTER = "jobcenter", _("Jobcenter")
    ZWECKVERBAND = "zweckverband", _("Zweckverband")
    AOER = "aoer", _("Anstalt des öffentlichen Rechts (AöR)")
    KOMMUNALES_UNTERNEHMEN = "kommunales_unternehmen", _("Kommunales Unternehmen")


ORGANISATION_KINDS = (Kind.JOBCENTER, Kind.ZWECKVERBAND, Kind.AOER, Kind.KOMMUNALES_UNTERNEHMEN)


class Municipality(Versioned):
    """A unit of the official register (Land … Gemeinde) or a municipal organisation.

    Register units carry their official ``key`` (AGS for Gemeinden); organisations have none but
    a parent authority and the municipal ownership share. ``land``, ``kreis`` … are the ancestors,
    stored for filtering; ``current_population`` points at the newest population figure.
    """

    key = models.CharField(_("Amtlicher Schlüssel"), max_length=9, unique=True, null=True, blank=True)
    ars = models.CharField(_("Regionalschlüssel (ARS)"), max_length=12, blank=True, db_index=True)
    name = models.CharField(_("Amtlicher Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=200, db_index=True)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices, db_index=True)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices, db_index=True)
    textkennzeichen = models.CharField(_("Textkennzeichen (GV100AD)"), max_length=2, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnet / Träger"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    land = models.ForeignKey(
        "self", verbose_name=_("Land"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    regierungsbezirk = models.ForeignKey(
        "self",
        verbose_name=_("Regierungsbezirk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kreis = models.ForeignKey(
        "self", verbose_name=_("Kreis"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verband = models.ForeignKey(
        "self",
        verbose_name=_("Gemeindeverband"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    seat = models.CharField(_("Sitz der Verwaltung"), max_length=200, blank=True)
    area_ha = models.PositiveBigIntegerField(_("Fläche (ha)"), null=True, blank=True)
    area_stichtag = models.DateField(_("Stichtag der Fläche"), null=True, blank=True)
    current_population = models.ForeignKey(
        "PopulationFigure",
        verbose_name=_("aktuelle Einwohnerzahl"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    municipal_share = models.DecimalField(
        _("kommunaler Anteil (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    gebietsstand = models.DateField(_("Gebietsstand des Registers"), null=True, blank=True)
    is_historical = models.BooleanField(
        _("nicht mehr im aktuellen Gebietsstand"), default=False, db_index=True
    )
    name_truncated = models.BooleanField(_("Name im Register gekürzt"), default=False)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("PLZ"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=200, blank=True)
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["short_name", "key"]
        indexes = [
            models.Index(fields=["level", "short_name"], name="muni_level_name"),
            models.Index(fields=["land", "level"], name="muni_land_level"),
            models.Index(fields=["kreis", "level"], name="muni_kreis_level"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="organisation") & Q(key__isnull=True))
                | (~Q(level="organisation") & Q(key__isnull=False)),
                name="muni_key_unless_organisation",
            ),
            models.CheckConstraint(
                condition=Q(municipal_share__isnull=True)
                | (Q(municipal_share__gte=0) & Q(municipal_share__lte=100)),
                name="muni_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    # The fields :attr:`choice_label` reads: a queryset of choices loads these and no more.
    CHOICE_FIELDS = ("id", "name", "short_name", "level", "kind", "key")

    @property
    def choice_label(self) -> str:
        """The name in every select of municipalities (``ikz.forms.KernFormMixin`` uses it):
        "Groß-Gerau, Stadt (06433006)" vs "Landkreis Groß-Gerau (06433)"."""
        return rules.choice_label(self.name, str(self.get_kind_display()), self.level, self.key)

    def get_absolute_url(self) -> str:
        return reverse("municipalities:municipality_detail", args=[self.pk])

    def clean(self) -> None:
        """Official keys: digits and length by level, consistent with the parent and the ARS."""
        errors: dict[str, str] = {}
        if self.level == Level.ORGANISATION:
            if self.key:
                errors["key"] = str(_("Kommunale Organisationen haben keinen amtlichen Schlüssel."))
            if self.parent_id is None:
                errors["parent"] = str(_("Bitte geben Sie den Träger der Organisation an."))
            if self.municipal_share is None:
                errors["municipal_share"] = str(_("Bitte geben Sie den kommunalen Anteil in Prozent an."))
        elif self.key:
            try:
                ags.check_key(self.level, self.key)
                if self.parent is not None and self.parent.key:
                    ags.check_parent(self.key, self.parent.key)
            except ags.InvalidKey as exc:
                errors["key"] = str(exc)
            if self.level == Level.GEMEINDE and self.ars:
                try:
                    ags.check_ars(self.ars, self.key)
                except ags.InvalidKey as exc:
                    errors["ars"] = str(exc)
        if errors:
            raise ValidationError(errors)

    @property
    def ags(self) -> str:
        """The 8-digit AGS of a Gemeinde; empty for the other levels."""
        return self.key or "" if self.level == Level.GEMEINDE else ""

    @property
    def area_km2(self) -> float | None:
        return None if self.area_ha is None else self.area_ha / 100

    @property
    def is_organisation(self) -> bool:
        return self.level == Level.ORGANISATION


class PopulationFigure(models.Model):
    """A population figure with its reference date (Stichtag) and source. History is never overwritten."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="population_figures"
    )
    stichtag = models.DateField(_("Stichtag"))
    total = models.PositiveBigIntegerField(_("Einwohner insgesamt"))
    male = models.PositiveBigIntegerField(_("davon männlich"), null=True, blank=True)
    source = models.CharField(_("Quelle"), max_length=300)
    is_sum = models.BooleanField(_("Summe der Gemeinden"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Einwohnerzahl")
        verbose_name_plural = _("Einwohnerzahlen")
        ordering = ["municipality", "-stichtag", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "stichtag", "source"], name="population_unique_per_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.total} ({self.stichtag:%d.%m.%Y})"


class ContactPerson(Versioned):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("Name"), max_length=200)
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    is_demo = models.BooleanField(_("Demo-Person (erfunden)"), default=False)

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["municipality", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"


class Region(Versioned):
    """An IKZ region (IKZ-Verbund): ordered members, a steering group and an office."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(_("Kurzbezeichnung in Adressen"), max_length=80, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    office_name = models.CharField(_("Geschäftsstelle"), max_length=300, blank=True)
    office_host = models.ForeignKey(
        Municipality,
        verbose_name=_("Sitz der Geschäftsstelle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    office_email = models.EmailField(_("E-Mail der Geschäftsstelle"), blank=True)
    office_phone = models.CharField(_("Telefon der Geschäftsstelle"), max_length=50, blank=True)
    class_source = models.CharField(
        _("Quelle der Größenklassen"),
        max_length=300,
        blank=True,
        help_text=_("Woher die Klassengrenzen und die Vergleichszahlen stammen."),
    )
    stated_population = models.PositiveIntegerField(
        _("Einwohner laut Quelle"),
        null=True,
        blank=True,
        help_text=_("zum Vergleich mit der amtlichen Summe"),
    )
    stated_area_km2 = models.DecimalField(
        _("Fläche laut Quelle (km²)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    established_on = models.DateField(
        _("IKZ-Prozess seit"),
        null=True,
        blank=True,
        help_text=_(
            "Beginn der Zusammenarbeit in dieser Region (z. B. 01.01.2013); "
            "frühere Daten von Projekten und Kooperationen werden abgelehnt. Leer: keine Grenze."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("municipalities:region_detail", args=[self.slug])


class RegionMember(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="region_memberships"
    )
    position = models.PositiveIntegerField(_("Reihenfolge"))
    short_label = models.CharField(_("Kürzel"), max_length=12)
    joined_on = models.DateField(_("Mitglied seit"), null=True, blank=True)
    left_on = models.DateField(
        _("Mitglied bis"), null=True, blank=True, help_text=_("letzter Tag der Mitgliedschaft")
    )

    class Meta:
        verbose_name = _("Mitglied der Region")
        verbose_name_plural = _("Mitglieder der Region")
        ordering = ["region", "position"]
        constraints = [
            models.UniqueConstraint(fields=["region", "municipality"], name="region_member_once"),
            models.UniqueConstraint(fields=["region", "position"], name="region_member_position"),
            models.UniqueConstraint(fields=["region", "short_label"], name="region_member_label"),
        ]

    def __str__(self) -> str:
        return f"{self.short_label} – {self.municipality}"


class SteeringGroupMember(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="steering_group")
    name = models.CharField(_("Name"), max_length=200)
    function = models.CharField(_("Funktion"), max_length=300)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("Kommune"), on_delete=models.SET_NULL, null=True, blank=True
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    is_demo = models.BooleanField(_("Demo-Person (erfunden)"), default=False)

    class Meta:
        verbose_name = _("Mitglied der Lenkungsgruppe")
        verbose_name_plural = _("Lenkungsgruppe")
        ordering = ["region", "position", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.function})"


class SizeClass(models.Model):
    """A population size class of a region (EW-Größenklasse), with the count its source document states."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="size_classes")
    position = models.PositiveIntegerField(_("Reihenfolge"))
    label = models.CharField(_("Bezeichnung"), max_length=100)
    lower = models.PositiveIntegerField(_("von (Einwohner)"))
    upper = models.PositiveIntegerField(_("bis (Einwohner)"), null=True, blank=True)
    stated_count = models.PositiveIntegerField(_("Anzahl laut Quelle"), null=True, blank=True)

    class Meta:
        verbose_name = _("Größenklasse")
        verbose_name_plural = _("Größenklassen")
        ordering = ["region", "position"]
        constraints = [
            models.UniqueConstraint(fields=["region", "position"], name="size_class_position"),
            models.CheckConstraint(
                condition=Q(upper__isnull=True) | Q(upper__gte=models.F("lower")), name="size_class_bounds"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Boundary(models.Model):
    """The boundary of a register unit for maps: simplified lon/lat (WGS84) polygons as GeoJSON.

    Imported with ``manage.py import_boundaries`` (BKG VG250, generalised); for display only — areas
    come from the register, never from these shapes."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="boundary", verbose_name=_("Kommune")
    )
    geometry = models.JSONField(_("Geometrie (GeoJSON, WGS84)"))
    source_file = models.CharField(_("Quelldatei"), max_length=300)
    source_date = models.DateField(_("Stand der Quelldatei"))
    imported_at = models.DateTimeField(_("importiert am"), auto_now=True)

    class Meta:
        verbose_name = _("Gebietsgrenze")
        verbose_name_plural = _("Gebietsgrenzen")
        ordering = ["municipality__key"]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.source_file})"


class Neighbour(models.Model):
    """Two register units that share a border: their areas share an arc of the VG250 topology
    (``manage.py compute_neighbours``; decision 261). Stored in both directions, so that the
    neighbours of a unit are one filter on ``municipality``."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="neighbour_links", verbose_name=_("Kommune")
    )
    neighbour = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("Nachbar")
    )
    source_file = models.CharField(_("Quelldatei"), max_length=300)

    class Meta:
        verbose_name = _("Nachbarschaft")
        verbose_name_plural = _("Nachbarschaften")
        ordering = ["municipality__key", "neighbour__key"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "neighbour"], name="neighbour_once"),
            models.CheckConstraint(condition=~Q(municipality=F("neighbour")), name="neighbour_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.neighbour}"


class Centroid(models.Model):
    """The centre of a register unit's area (WGS84) for distances where no border is shared."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="centroid", verbose_name=_("Kommune")
    )
    latitude = models.FloatField(_("Breite"))
    longitude = models.FloatField(_("Länge"))
    source_file = models.CharField(_("Quelldatei"), max_length=300)

    class Meta:
        verbose_name = _("Mittelpunkt")
        verbose_name_plural = _("Mittelpunkte")
        ordering = ["municipality__key"]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.latitude:.4f}, {self.longitude:.4f})"
