"""The public portal under /public/: no login, no session, nothing internal. Every page reads
``portal.queries`` only, is cached per language and public-data version, and answers 404 for
anything not published."""

from __future__ import annotations

import csv
import json

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from mandate.core.exports import csv_safe
from mandate.elections.models import TurnoutHour

from . import queries
from .cache import cached_public
from .charts import bar_chart

LANGS = dict(settings.LANGUAGES)


def public(view):
    """Language from ``?lang=`` (else the visitor's cookie or browser), then the cache."""
    cached = cached_public(view)

    def wrapper(request, *args, **kwargs):
        lang = request.GET.get("lang")
        if lang in LANGS:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        return cached(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return require_GET(wrapper)


@require_GET
def language(request, code):
    """Switch the portal's language with a plain link (no form, no session): a cookie."""
    if code not in LANGS:
        raise Http404
    target = request.GET.get("next") or "/public/"
    if not (target.startswith("/public/") and url_has_allowed_host_and_scheme(target, None)):
        target = "/public/"
    response = HttpResponseRedirect(target)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def today():
    return timezone.localdate()


def _target_chart(rows, title):
    return bar_chart([(r["indicator"], r["progress_percent"], 100, r["status"]) for r in rows
                      if r["progress_percent"] is not None], title=title, suffix="%")


@public
def home(request):
    day = today()
    documents = list(queries.published_documents())
    rows = queries.target_rows(day)
    for d in documents:
        d.summary = queries.targets_summary([r for r in rows if r["document_id"] == d.pk])
    return render(request, "portal/home.html", {
        "documents": documents, "elections": queries.public_elections(), "day": day,
        "latest": queries.latest_results_publications(10), "summary": queries.targets_summary(rows),
    })


@public
def targets(request):
    day = today()
    rows = queries.target_rows(day)
    return render(request, "portal/targets.html", {
        "rows": rows, "day": day, "values": queries.target_value_rows(day),
        "chart": _target_chart(rows, _("Progress of the published targets towards their goal")),
    })


@public
def document(request, pk):
    doc = get_object_or_404(queries.published_documents(), pk=pk)
    day = today()
    rows = queries.target_rows(day, doc)
    return render(request, "portal/document.html", {
        "document": doc, "rows": rows, "day": day, "values": queries.target_value_rows(day, doc),
        "summary": queries.targets_summary(rows),
        "chart": _target_chart(rows, _("Progress of the targets of %(number)s towards their goal")
                               % {"number": doc.number}),
    })


def _turnout_by_hour(turnout):
    hours = {}
    for t in turnout:
        h = hours.setdefault(t["hour"], {"hour": t["hour"], "voted": 0, "voters": 0, "areas": 0})
        h["voted"] += t["voted"]
        h["voters"] += t["voters"]
        h["areas"] += 1
    order = [str(label) for _v, label in TurnoutHour.choices]
    out = [hours[h] for h in order if h in hours]
    for h in out:
        h["percent"] = round(h["voted"] * 100 / h["voters"], 1) if h["voters"] else None
    return out


@public
def election(request, pk):
    e = get_object_or_404(queries.public_elections(), pk=pk)
    turnout_public = queries.turnout_published(e)
    turnout = _turnout_by_hour(queries.turnout_rows(e)) if turnout_public else []
    counts = queries.public_counts(e)
    results = {pr.count.constituency.pk: pr for pr in counts}
    constituencies = queries.constituency_rows(e)
    for c in constituencies:
        c["result"] = results.get(c["id"])
    return render(request, "portal/election.html", {
        "election": e, "constituencies": constituencies, "turnout_public": turnout_public, "turnout": turnout,
        "turnout_chart": bar_chart([(h["hour"], h["percent"], 100, "") for h in turnout],
                                   title=_("Turnout through election day"), suffix="%"),
    })


@public
def constituency(request, pk):
    c = get_object_or_404(queries.public_constituencies(), pk=pk)
    e = c.body.election
    turnout_public = queries.turnout_published(e)
    turnout = _turnout_by_hour(queries.turnout_rows(e, c)) if turnout_public else []
    result = next(iter(queries.public_counts(e, c)), None)
    chart = ""
    if result:
        chart = bar_chart([(line.candidate.full_name, line.percent, 100, "elected" if line.elected else "")
                           for line in result.count.lines],
                          title=_("Share of valid ballots per candidate in %(name)s") % {"name": c.name}, suffix="%")
    return render(request, "portal/constituency.html", {
        "c": c, "election": e, "candidates": queries.candidate_rows(e, c), "turnout_public": turnout_public,
        "turnout": turnout, "result": result, "chart": chart,
    })


@public
def data_index(request):
    return render(request, "portal/data.html", {"tables": queries.TABLES.values()})


def table_rows(slug: str) -> list[dict]:
    table = queries.TABLES.get(slug)
    if table is None:
        raise Http404
    return table.rows(today())


@public
def data_file(request, table, fmt):
    rows = table_rows(table)
    if fmt == "json":
        response = HttpResponse(json.dumps({"table": table, "generated_on": today().isoformat(), "rows": rows},
                                           ensure_ascii=False, indent=1), content_type="application/json")
    elif fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
        if rows:
            writer = csv.DictWriter(response, fieldnames=list(rows[0]))
            writer.writeheader()
            for row in rows:
                writer.writerow({k: csv_safe(v) for k, v in row.items()})
    else:
        raise Http404
    response["Content-Disposition"] = f'inline; filename="{table}.{fmt}"'
    return response
