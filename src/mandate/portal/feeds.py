"""An Atom feed of newly published constituency results (django.contrib.syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from mandate.elections.models import Constituency
from mandate.elections.queries import constituency_counts

from . import queries


class ResultsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Published election results")

    def link(self):
        return reverse("portal:home")

    def subtitle(self):
        return _("Each entry is a constituency whose approved results were published.")

    def items(self):
        publications = list(queries.latest_results_publications(30))
        counts = {c.constituency.pk: c for c in constituency_counts(
            Constituency.objects.filter(pk__in=[p.constituency_id for p in publications]))}
        for p in publications:
            p.count = counts.get(p.constituency_id)
        return [p for p in publications if p.count and p.count.complete]

    def item_title(self, item):
        return f"{item.constituency.body.election.name} · {item.constituency.body} · {item.constituency.name}"

    def item_description(self, item):
        names = ", ".join(line.candidate.full_name for line in item.count.elected) or "—"
        text = _("Elected: %(names)s.") % {"names": names}
        if item.count.action == "supplementary":
            text += " " + _("A supplementary vote is needed.")
        elif item.count.action == "repeat":
            text += " " + _("The vote is repeated.")
        return text

    def item_link(self, item):
        return reverse("portal:constituency", args=[item.constituency_id])

    def item_guid(self, item):
        return f"results-{item.constituency_id}-{item.published_at.isoformat()}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
