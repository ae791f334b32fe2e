"""The public portal: no login, only what the office published (see ``access.py``: every read here
starts from the published news, cooperations and projects or the public documents). At the end the
office's pages behind the login: the region's news and what its portal shows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ikz.audit.views import history_page
from ikz.documents.views import send_version
from ikz.municipalities.models import Region
from ikz.portal import access, queries, services
from ikz.portal.forms import NewsForm, PublishCooperationForm, PublishNewsForm
from ikz.projects import services as project_services
from ikz.projects.forms import PublishForm
from ikz.search.views import run_search
from ikz.web import AppRequest, edit_page, pick, post_action, post_button, stand_of


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/portal_index.html", queries.index())


def region(request: HttpRequest, slug: str) -> HttpResponse:
    region = access.get_region(slug)
    stand = stand_of(request)
    return render(
        request, "portal/portal_region.html", {**queries.region_page(region, stand.stand), "stand": stand}
    )


def project_detail(request: HttpRequest, slug: str, project_slug: str) -> HttpResponse:
    project = access.get_project(slug, project_slug)
    return render(
        request,
        "portal/project_detail.html",
        {"project": project, "region": project.region, "page": queries.project_page(project)},
    )


def news_detail(request: HttpRequest, slug: str, news_slug: str) -> HttpResponse:
    news = access.get_news(slug, news_slug)
    return render(request, "portal/news_detail.html", {"news": news, "region": news.region})


def search(request: HttpRequest) -> HttpResponse:
    form, results, rest = run_search(request, public=True)
    return render(
        request,
        "portal/portal_search.html",
        {
            "form": form,
            "results": results,
            "page": results.page if results else None,
            "query_without_page": rest,
        },
    )


def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    return send_version(request, access.get_document_version(pk))


# --- the office's side: news and what the region shows on the portal (decision 120) ------------


def _publishing(region: Region) -> str:
    return reverse("portal:publishing", args=[region.slug])


@login_required
def publishing(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for_office(request.user, slug)
    return render(
        request,
        "portal/publishing.html",
        {"region": region, **queries.publishing_page(region, timezone.localdate())},
    )


@login_required
def news_list(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for_office(request.user, slug)
    return render(
        request,
        "portal/news_list.html",
        {"region": region, "news": queries.news_rows(region, timezone.localdate())},
    )


@login_required
def news_create(request: AppRequest, slug: str) -> HttpResponse:
    region = access.get_region_for_office(request.user, slug)
    return edit_page(
        request,
        NewsForm(request.POST or None, create=True, initial={"date": timezone.localdate()}),
        lambda data: services.save_news(region, pick(data, services.NEWS_FIELDS), actor=request.user),
        success=_(
            "Die Neuigkeit ist gespeichert (Entwurf); veröffentlichen Sie sie, wenn sie erscheinen soll."
        ),
        template="portal/news_form.html",
        context={"region": region, "news": None},
        done=lambda saved: reverse("portal:news_edit", args=[region.slug, saved.pk]),
    )


@login_required
def news_edit(request: AppRequest, slug: str, pk: int) -> HttpResponse:
    region, news = access.get_news_for(request.user, slug, pk)
    return edit_page(
        request,
        NewsForm(request.POST or None, instance=news, initial={"version": news.version}),
        lambda data: services.save_news(
            region,
            pick(data, services.NEWS_FIELDS),
            actor=request.user,
            news=news,
            expected_version=data["version"],
        ),
        success=_("Die Neuigkeit wurde gespeichert."),
        template="portal/news_form.html",
        context={
            "region": region,
            "news": news,
            "state": queries.news_state(news, timezone.localdate()),
            "publish_form": PublishNewsForm(
                initial={
                    "version": news.version,
                    "date": news.date,
                    "veroeffentlichen": 0 if news.published else 1,
                }
            ),
        },
        done=lambda _saved: reverse("portal:news_list", args=[region.slug]),
        fresh=lambda current: NewsForm(instance=current, initial={"version": current.version}),
    )


@login_required
@require_POST
def news_publish(request: AppRequest, slug: str, pk: int) -> HttpResponse:
    """``veroeffentlichen=1`` publishes from ``date`` (default: the news item's date), 0 takes it off."""
    region, news = access.get_news_for(request.user, slug, pk)
    form = PublishNewsForm(request.POST)
    publish = request.POST.get("veroeffentlichen") == "1"
    news_back = reverse("portal:news_list", args=[region.slug])
    return post_action(
        request,
        lambda version: services.set_news_published(
            news, publish, date=form.cleaned_data.get("date"), expected_version=version, actor=request.user
        ),
        success=_("Die Neuigkeit ist veröffentlicht.")
        if publish
        else _("Die Neuigkeit wurde aus dem Portal genommen."),
        back=_publishing(region) if request.POST.get("zurueck") == "redaktion" else news_back,
        form=form,
    )


@login_required
@require_POST
def cooperation_publish(request: AppRequest, slug: str, pk: int) -> HttpResponse:
    region, cooperation = access.get_cooperation_for(request.user, slug, pk)
    form = PublishCooperationForm(request.POST)
    if not form.is_valid():
        return post_button(request, lambda: _refuse(form), success="", back=_publishing(region))
    publish = form.cleaned_data["veroeffentlichen"] == "1"
    return post_button(
        request,
        lambda: services.set_cooperation_published(cooperation, publish, actor=request.user),
        success=_("„%(t)s“ steht jetzt im Portal.") % {"t": cooperation.title}
        if publish
        else _("„%(t)s“ wurde aus dem Portal genommen.") % {"t": cooperation.title},
        back=_publishing(region) + f"#kooperation-{cooperation.pk}",
    )


@login_required
@require_POST
def project_publish(request: AppRequest, slug: str, pk: int) -> HttpResponse:
    """The project page's button, from the region's publishing page (``projects.services``)."""
    region, project = access.get_project_for(request.user, slug, pk)
    publish = request.POST.get("veroeffentlichen") == "1"
    return post_action(
        request,
        lambda version: project_services.set_published(
            project, publish, actor=request.user, expected_version=version
        ),
        success=_("Das Projekt steht jetzt im öffentlichen Portal.")
        if publish
        else _("Das Projekt wurde aus dem öffentlichen Portal genommen."),
        back=_publishing(region) + f"#projekt-{project.pk}",
        form=PublishForm(request.POST),
    )


def _refuse(form: PublishCooperationForm) -> None:
    raise ValidationError([str(e) for errors in form.errors.values() for e in errors])


@login_required
def news_history(request: AppRequest, slug: str, pk: int) -> HttpResponse:
    region, news = access.get_news_for(request.user, slug, pk)
    return history_page(
        request, news, back_url=reverse("portal:news_edit", args=[region.slug, news.pk]), title=str(news)
    )
