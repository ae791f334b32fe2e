from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ikz.cooperation.models import CooperationField, TaskArea
from ikz.forms import DateInput, KernFormMixin, VersionField
from ikz.interests import rules
from ikz.interests.models import Declaration, InterestCall, Topic


class CallForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = InterestCall
        fields = ["title", "description", "opened_on", "deadline", "allow_late", "source"]
        widgets = {
            "opened_on": DateInput(),
            "deadline": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class CallStatusForm(KernFormMixin, forms.Form):
    version = VersionField()
    status = forms.ChoiceField(label=_("Neuer Stand"), choices=[])

    def __init__(self, *args: Any, call: InterestCall, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(InterestCall._meta.get_field("status").choices or [])
        status_field: forms.ChoiceField = self.fields["status"]  # type: ignore[assignment]
        status_field.choices = [(s, labels[s]) for s in rules.next_states(call.status)]


class TopicForm(KernFormMixin, forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Topic
        fields = ["label", "task_area", "field", "position"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field: forms.ModelChoiceField = self.fields["task_area"]  # type: ignore[assignment]
        area_field.queryset = TaskArea.objects.order_by("position", "name")
        field_field: forms.ModelChoiceField = self.fields["field"]  # type: ignore[assignment]
        field_field.queryset = CooperationField.objects.select_related("task_area").order_by(
            "task_area__position", "position", "name"
        )
        field_field.label_from_instance = lambda f: f"{f.task_area.name} – {f.name}"  # type: ignore[method-assign,assignment]
        field_field.help_text = _("optional; muss zum Aufgabengebiet gehören")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        area, field = data.get("task_area"), data.get("field")
        if area is not None and field is not None and field.task_area_id != area.pk:
            self.add_error("field", _("Das Kooperationsfeld gehört nicht zum gewählten Aufgabengebiet."))
        return data


class DeclarationForm(KernFormMixin, forms.Form):
    """Per topic two checkboxes (cooperation wanted, working group), the note and the version."""

    version = VersionField(required=False)
    note = forms.CharField(
        label=_("Anmerkung"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    submitted_on = forms.DateField(
        label=_("Abgesendet am"),
        required=False,
        widget=DateInput(),
        help_text=_("Gilt beim Absenden: der Tag der Abgabe. Leer: heute."),
    )

    def __init__(
        self,
        *args: Any,
        topics: Iterable[Topic],
        declaration: Declaration | None = None,
        **kwargs: Any,
    ) -> None:
        self.topics = list(topics)
        initial: dict[str, Any] = {}
        if declaration is not None:
            initial = {"version": declaration.version, "note": declaration.note}
            for answer in declaration.answers.all():
                initial[f"interested_{answer.topic_id}"] = answer.interested
                initial[f"working_group_{answer.topic_id}"] = answer.joins_working_group
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for topic in self.topics:
            self.fields[f"interested_{topic.pk}"] = forms.BooleanField(
                label=_("Meine Kommune möchte kooperieren"), required=False
            )
            self.fields[f"working_group_{topic.pk}"] = forms.BooleanField(
                label=_("Meine Kommune arbeitet in der Arbeitsgruppe IKZ mit"), required=False
            )
        self.style_fields()

    def topic_rows(self) -> list[tuple[Topic, forms.BoundField, forms.BoundField]]:
        return [(t, self[f"interested_{t.pk}"], self[f"working_group_{t.pk}"]) for t in self.topics]

    def answers(self) -> dict[int, tuple[bool, bool]]:
        return {
            t.pk: (
                bool(self.cleaned_data.get(f"interested_{t.pk}")),
                bool(self.cleaned_data.get(f"working_group_{t.pk}")),
            )
            for t in self.topics
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for topic in self.topics:
            message = rules.answer_error(
                bool(data.get(f"interested_{topic.pk}")), bool(data.get(f"working_group_{topic.pk}"))
            )
            if message:
                self.add_error(f"working_group_{topic.pk}", f"{topic.label}: {message}")
        return data


class DateCorrectionForm(KernFormMixin, forms.Form):
    """The right day a declaration was sent and why the recorded one was wrong."""

    prefix = "berichtigung"
    version = VersionField()
    submitted_on = forms.DateField(label=_("Richtiges Absendedatum"), widget=DateInput())
    reason = forms.CharField(label=_("Begründung der Berichtigung"), max_length=300)
