from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.accounts.models import Role, User
from ikz.cooperation.models import Cooperation, CooperationField, LegalForm
from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.municipalities.models import Municipality, Region
from ikz.projects import rules, services
from ikz.projects.models import (
    LessonLearned,
    Milestone,
    Participation,
    ParticipationStatus,
    Project,
    Status,
    Verdict,
)


def _errors_to_fields(form: forms.BaseForm, exc: ValidationError) -> None:
    for name, messages in exc.message_dict.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


class ProjectForm(KernFormMixin, forms.ModelForm):
    """The charter (Projektauftrag): title, field, lead, and the seven standard elements."""

    version = VersionField(required=False)

    class Meta:
        model = Project
        fields = services.CHARTER_FIELDS[:-1]  # without "source"
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in (
                    "introduction",
                    "goals",
                    "deliverables",
                    "costs",
                    "project_group",
                    "information_management",
                    "variants",
                )
            },
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        self.region = region
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            role_assignments__role=Role.PROJECT_LEAD
        ).distinct()
        self.fields["lead_municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            region_memberships__region=region
        ).order_by("region_memberships__position")
        self.fields["field"].queryset = CooperationField.objects.select_related("task_area")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            try:
                services.check_charter(self.region, data, exclude_pk=self.instance.pk)
            except ValidationError as exc:
                _errors_to_fields(self, exc)
        return data


TARGET_CHOICES = [*Status.choices, (rules.RESUMED, _("fortgesetzt (Stand vor der Pause)"))]


class TransitionForm(KernFormMixin, forms.Form):
    version = VersionField()
    target = forms.ChoiceField(choices=TARGET_CHOICES, widget=forms.HiddenInput)
    effective_on = forms.DateField(
        label=_("Wirksam am"),
        widget=DateInput(),
        required=False,
        help_text=_("Der Tag, an dem der Schritt wirksam wurde (Beschluss, Inbetriebnahme); leer: heute."),
    )
    verdict = forms.ChoiceField(
        label=_("Ergebnis der Prüfung"), choices=[("", "–"), *Verdict.choices], required=False
    )
    verdict_reasons = forms.CharField(
        label=_("Gründe für das Ergebnis"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    legal_form = forms.ChoiceField(
        label=_("Rechtsform der Kooperation"), choices=[("", "–"), *LegalForm.choices], required=False
    )
    cooperations = forms.ModelMultipleChoiceField(
        label=_("Entstandene Kooperationen (Bestand der Region)"),
        queryset=Cooperation.objects.none(),
        required=False,
    )
    body = forms.CharField(
        label=_("Übernehmender Träger"),
        required=False,
        max_length=200,
        help_text=_("z. B. Zweckverband Riedwerke, Versorgungskasse Darmstadt, Kreisverwaltung"),
    )
    body_unit = forms.ModelChoiceField(
        label=_("Träger im Register"), queryset=Municipality.objects.none(), required=False
    )
    participants = forms.ModelMultipleChoiceField(
        label=_("Durch welche Beteiligten (leer: alle)"),
        queryset=Municipality.objects.none(),
        required=False,
    )
    follow_up = forms.ModelChoiceField(
        label=_("Folgeprojekt"), queryset=Project.objects.none(), required=False
    )
    follow_up_title = forms.CharField(
        label=_("oder neues Folgeprojekt (Titel)"), required=False, max_length=200
    )
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Beim Abschluss ohne Umsetzung und beim Pausieren nötig, sonst optional (erscheint im Verlauf)."
        ),
    )

    OUTCOME_FIELDS = {
        rules.OPERATING: ("cooperations",),
        rules.LOCAL: ("cooperations", "participants"),
        rules.TRANSFERRED: ("body", "body_unit", "participants", "cooperations"),
        rules.FOLLOWED_UP: ("follow_up", "follow_up_title"),
    }

    def __init__(
        self,
        *args: Any,
        step: rules.Transition,
        project: Project,
        roles: frozenset[str],
        paused_from: str = "",
        **kwargs: Any,
    ) -> None:
        self.project, self.roles, self.paused_from = project, roles, paused_from
        kwargs.setdefault("initial", {}).setdefault("effective_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        if not step.needs_verdict:
            del self.fields["verdict"], self.fields["verdict_reasons"]
        if step.target != rules.OPERATING:
            del self.fields["legal_form"]
        wanted = self.OUTCOME_FIELDS.get(step.target, ())
        for name in ("cooperations", "body", "body_unit", "participants", "follow_up", "follow_up_title"):
            if name not in wanted:
                del self.fields[name]
        region_id = project.region_id
        if "cooperations" in self.fields:
            coops = Cooperation.objects.filter(region_id=region_id).order_by("title")
            self.fields["cooperations"].queryset = coops  # type: ignore[attr-defined]
        if "participants" in self.fields:
            self.fields["participants"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
                region_memberships__region_id=region_id
            ).order_by("region_memberships__position")
        if "body_unit" in self.fields:
            self.fields["body_unit"].queryset = Municipality.objects.exclude(  # type: ignore[attr-defined]
                level__in=["gemeinde", "land", "regierungsbezirk"]
            ).order_by("name")
        if "follow_up" in self.fields:
            self.fields["follow_up"].queryset = (  # type: ignore[attr-defined]
                Project.objects.filter(region_id=region_id).exclude(pk=project.pk).order_by("title")
            )
        if step.needs_reason:
            self.fields["reason"].help_text = _(rules.REASON_PROMPTS[step.target])

    def outcome(self) -> services.Outcome:
        data = self.cleaned_data
        return services.Outcome(
            cooperations=list(data.get("cooperations") or []),
            body=str(data.get("body") or ""),
            body_unit=data.get("body_unit"),
            participants=list(data.get("participants") or []),
            follow_up=data.get("follow_up"),
            follow_up_title=str(data.get("follow_up_title") or ""),
        )

    def clean(self) -> dict[str, Any]:
        """The transition table's checks, so that each message appears at its field."""
        data = super().clean() or {}
        if not self.errors:
            target = str(data.get("target"))
            errors = rules.transition_errors(
                self.project.status,
                target,
                self.roles,
                verdict=str(data.get("verdict") or "") if target == rules.VERDICT else self.project.verdict,
                verdict_reasons=str(data.get("verdict_reasons") or ""),
                reason=str(data.get("reason") or ""),
                charter_missing=self.project.charter_missing,
                paused_from=self.paused_from,
            )
            for name, messages in errors.items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        return data


class StepCorrectionForm(KernFormMixin, forms.Form):
    """The corrected effective date of one step and why (decision 92)."""

    version = VersionField()
    effective_on = forms.DateField(label=_("Wirksam am (berichtigt)"), widget=DateInput())
    reason = forms.CharField(
        label=_("Begründung der Berichtigung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Warum das bisherige Datum falsch war, z. B. „laut Protokoll der Lenkungsgruppe“."),
    )


PUBLISH_CHOICE_INVALID = _("Die Angabe zur Veröffentlichung fehlt oder ist ungültig.")


class PublishForm(KernFormMixin, forms.Form):
    """The portal button: ``veroeffentlichen`` 1 puts the project on the portal, 0 takes it off."""

    version = VersionField()
    veroeffentlichen = forms.ChoiceField(
        choices=[("0", "0"), ("1", "1")],
        error_messages={"required": PUBLISH_CHOICE_INVALID, "invalid_choice": PUBLISH_CHOICE_INVALID},
    )


class MilestoneForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Milestone
        fields = services.MILESTONE_FIELDS
        widgets = {
            "planned": DateInput(),
            "forecast": DateInput(),
            "reached": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class LessonForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = LessonLearned
        fields = services.LESSON_FIELDS
        widgets = {
            "date": DateInput(),
            "worked": forms.Textarea(attrs={"rows": 3}),
            "failed": forms.Textarea(attrs={"rows": 3}),
            "success_factors": forms.Textarea(attrs={"rows": 3}),
        }


class DecisionForm(KernFormMixin, forms.Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    text = forms.CharField(label=_("Beschluss"), widget=forms.Textarea(attrs={"rows": 4}))
    milestone = forms.ModelChoiceField(
        label=_("Meilenstein"), queryset=Milestone.objects.none(), required=False
    )
    responsible = forms.CharField(
        label=_("wer handelt"),
        max_length=200,
        required=False,
        help_text=_("Beschlusskontrolle: wer den Beschluss umsetzt"),
    )
    due_on = forms.DateField(label=_("zu erledigen bis"), required=False, widget=DateInput())

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = Milestone.objects.filter(project=project)  # type: ignore[attr-defined]


class ParticipationForm(KernFormMixin, forms.Form):
    version = VersionField(required=False)
    status = forms.ChoiceField(label=_("Beteiligung"), choices=ParticipationStatus.choices)
    role_pl = forms.BooleanField(label=_("PL – Projektleitung"), required=False)
    role_pg = forms.BooleanField(label=_("PG – Projektgruppe"), required=False)
    role_ag = forms.BooleanField(label=_("AG – Arbeitsgruppe"), required=False)
    role_lkg = forms.BooleanField(label=_("LKG – Lenkungsgruppe"), required=False)
    joined_on = forms.DateField(
        label=_("beteiligt seit"),
        widget=DateInput(),
        required=False,
        help_text=_("leer: seit Beginn des Projekts"),
    )
    left_on = forms.DateField(label=_("beteiligt bis"), widget=DateInput(), required=False)

    @classmethod
    def initial_for(cls, cell: Participation | None) -> dict[str, Any]:
        if cell is None:
            return {}
        return {
            "version": cell.version,
            "status": cell.status,
            "role_pl": cell.role_pl,
            "role_pg": cell.role_pg,
            "role_ag": cell.role_ag,
            "role_lkg": cell.role_lkg,
            "joined_on": cell.joined_on,
            "left_on": cell.left_on,
        }

    def roles(self) -> list[str]:
        return [code for code in rules.ROLES if self.cleaned_data.get(f"role_{code.lower()}")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            for message in rules.participation_errors(str(data.get("status")), self.roles()).get("roles", []):
                self.add_error(None, message)
        return data


class PortfolioFilter(KernFormMixin, forms.Form):
    field = forms.ModelChoiceField(
        label=_("Kooperationsfeld"), queryset=CooperationField.objects.none(), required=False
    )
    status = forms.ChoiceField(label=_("Stand"), choices=[("", _("alle")), *Status.choices], required=False)
    lead = forms.ModelChoiceField(
        label=_("Projektleitung (Kommune)"), queryset=Municipality.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("Projektjahr"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args: Any, region: Region, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = CooperationField.objects.filter(projects__in=projects).distinct()  # type: ignore[attr-defined]
        self.fields["lead"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            region_memberships__region=region
        ).order_by("region_memberships__position")


FINAL_CHOICES = [("", _("noch nicht beendet"))] + [
    (value, label) for value, label in Status.choices if value in rules.FINAL_STATES
]
STAGE_LABELS = {
    rules.PROPOSAL: _("Vorschlag am"),
    rules.PRIORITISED: _("priorisiert am"),
    rules.COMMISSIONED: _("beauftragt am"),
    rules.FEASIBILITY: _("Prüfung begonnen am"),
    rules.VERDICT: _("Prüfergebnis am"),
    rules.IMPLEMENTATION: _("Umsetzung beschlossen am"),
}
CELL_CHOICES = [("", _("nicht erfasst")), *ParticipationStatus.choices]


class BackCaptureForm(KernFormMixin, forms.Form):
    """Vergangenes Projekt nacherfassen: the project, a date per stage reached, the verdict, the
    participants (one group of fields per member of the region) and the outcome."""

    title = forms.CharField(label=_("Titel"), max_length=200)
    field = forms.ModelChoiceField(
        label=_("Kooperationsfeld"), queryset=CooperationField.objects.none(), required=False
    )
    year = forms.IntegerField(
        label=_("Projektjahr"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Jahr des Projektbeginns, z. B. 2014"),
    )
    lead_municipality = forms.ModelChoiceField(
        label=_("Projektleitung (Kommune)"), queryset=Municipality.objects.none(), required=False
    )
    date_proposal = forms.DateField(label=STAGE_LABELS[rules.PROPOSAL], widget=DateInput())
    date_prioritised = forms.DateField(
        label=STAGE_LABELS[rules.PRIORITISED], widget=DateInput(), required=False
    )
    date_commissioned = forms.DateField(
        label=STAGE_LABELS[rules.COMMISSIONED], widget=DateInput(), required=False
    )
    date_feasibility = forms.DateField(
        label=STAGE_LABELS[rules.FEASIBILITY], widget=DateInput(), required=False
    )
    date_verdict = forms.DateField(label=STAGE_LABELS[rules.VERDICT], widget=DateInput(), required=False)
    verdict = forms.ChoiceField(
        label=_("Ergebnis der Prüfung"), choices=[("", "–"), *Verdict.choices], required=False
    )
    verdict_reasons = forms.CharField(
        label=_("Gründe für das Ergebnis"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    date_implementation = forms.DateField(
        label=STAGE_LABELS[rules.IMPLEMENTATION], widget=DateInput(), required=False
    )
    final_state = forms.ChoiceField(label=_("Ergebnis des Projekts"), choices=FINAL_CHOICES, required=False)
    date_final = forms.DateField(label=_("beendet am (wirksam)"), widget=DateInput(), required=False)
    closing_reason = forms.CharField(
        label=_("Grund für den Abschluss ohne Umsetzung"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    cooperations = forms.ModelMultipleChoiceField(
        label=_("Entstandene Kooperationen (Bestand der Region)"),
        queryset=Cooperation.objects.none(),
        required=False,
    )
    body = forms.CharField(label=_("Übernehmender Träger"), required=False, max_length=200)
    body_unit = forms.ModelChoiceField(
        label=_("Träger im Register"), queryset=Municipality.objects.none(), required=False
    )
    follow_up = forms.ModelChoiceField(
        label=_("Folgeprojekt"), queryset=Project.objects.none(), required=False
    )
    follow_up_title = forms.CharField(
        label=_("oder neues Folgeprojekt (Titel)"), required=False, max_length=200
    )

    PROJECT_FIELDS = ("title", "field", "year", "lead_municipality")
    STAGE_FIELDS = tuple(f"date_{s}" for s in STAGE_LABELS)
    OUTCOME_FIELDS = (
        "final_state",
        "date_final",
        "closing_reason",
        "cooperations",
        "body",
        "body_unit",
        "follow_up",
        "follow_up_title",
    )

    def __init__(self, *args: Any, region: Region, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.region, self.members = region, members
        in_region = Municipality.objects.filter(region_memberships__region=region).order_by(
            "region_memberships__position"
        )
        self.fields["field"].queryset = CooperationField.objects.select_related("task_area")  # type: ignore[attr-defined]
        self.fields["lead_municipality"].queryset = in_region  # type: ignore[attr-defined]
        self.fields["cooperations"].queryset = Cooperation.objects.filter(region=region).order_by("title")  # type: ignore[attr-defined]
        self.fields["body_unit"].queryset = Municipality.objects.exclude(  # type: ignore[attr-defined]
            level__in=["gemeinde", "land", "regierungsbezirk"]
        ).order_by("name")
        self.fields["follow_up"].queryset = Project.objects.filter(region=region).order_by("title")  # type: ignore[attr-defined]
        for member in members:
            prefix = f"p{member.municipality_id}_"
            self.fields[prefix + "status"] = forms.ChoiceField(
                label=_("Beteiligung"), choices=CELL_CHOICES, required=False
            )
            for code in rules.ROLES:
                self.fields[prefix + code.lower()] = forms.BooleanField(
                    label=ROLE_LABELS[code], required=False
                )
            self.fields[prefix + "joined_on"] = forms.DateField(
                label=_("beteiligt seit"), widget=DateInput(), required=False
            )

    def groups(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """Per member: its name, the id of its legend and its fields (the template's fieldsets)."""
        names = ["status", *(c.lower() for c in rules.ROLES), "joined_on"]
        return [
            (m.label, f"p{m.municipality_id}-legend", [self[f"p{m.municipality_id}_{n}"] for n in names])
            for m in self.members
        ]

    def project_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.PROJECT_FIELDS]

    def stage_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in (*self.STAGE_FIELDS[:5], "verdict", "verdict_reasons", self.STAGE_FIELDS[5])]

    def outcome_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.OUTCOME_FIELDS]

    def history(self) -> dict[str, Any]:
        """The arguments of ``services.record_history`` from the cleaned data."""
        data = self.cleaned_data
        steps = [
            services.HistoryStep(state, data[f"date_{state}"])
            for state in STAGE_LABELS
            if data.get(f"date_{state}")
        ]
        if data.get("final_state"):
            steps.append(
                services.HistoryStep(
                    data["final_state"],
                    data.get("date_final") or data["date_proposal"],
                    data.get("closing_reason") or "",
                )
            )
        participants = [
            services.HistoryParticipant(
                m.municipality,
                data[f"p{m.municipality_id}_status"],
                [c for c in rules.ROLES if data.get(f"p{m.municipality_id}_{c.lower()}")],
                data.get(f"p{m.municipality_id}_joined_on"),
            )
            for m in self.members
            if data.get(f"p{m.municipality_id}_status")
        ]
        outcome = services.Outcome(
            cooperations=list(data.get("cooperations") or []),
            body=data.get("body") or "",
            body_unit=data.get("body_unit"),
            follow_up=data.get("follow_up"),
            follow_up_title=data.get("follow_up_title") or "",
        )
        return {
            "values": {n: data.get(n) for n in self.PROJECT_FIELDS},
            "steps": steps,
            "participants": participants,
            "outcome": outcome,
            "verdict": data.get("verdict") or "",
            "verdict_reasons": data.get("verdict_reasons") or "",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("final_state") and not data.get("date_final"):
            self.add_error("date_final", _("Bitte angeben, an welchem Tag das Projekt beendet wurde."))
        if data.get("date_final") and not data.get("final_state"):
            self.add_error("final_state", _("Bitte das Ergebnis des Projekts wählen."))
        return data


ROLE_LABELS = {
    "PL": _("PL – Projektleitung"),
    "PG": _("PG – Projektgruppe"),
    "AG": _("AG – Arbeitsgruppe"),
    "LKG": _("LKG – Lenkungsgruppe"),
}
