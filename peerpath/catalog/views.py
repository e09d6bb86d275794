from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from peerpath.catalog.forms import ProviderFilterForm
from peerpath.catalog.search import (
    ProviderQuery,
    listed_providers,
    rank_providers,
    with_details,
    with_matches,
)

FINDER_PAGE_SIZE = 20


def find_training(request: HttpRequest) -> HttpResponse:
    """Matches are ranked from light queries; details and rendering for one page only."""
    params = request.GET.copy()
    page_number = params.pop("page", [None])[-1]
    form = ProviderFilterForm(params or None)
    matches = page = core = None
    if not params:
        ranked = rank_providers(ProviderQuery())
        # A newcomer needs the core training first: show its providers before the rest.
        core = with_details(listed_providers().filter(offers_core_training=True))
    elif form.is_valid():
        ranked = rank_providers(form.to_query())
    else:
        ranked = None
    if ranked is not None:
        page = Paginator(ranked, FINDER_PAGE_SIZE).get_page(page_number)
        matches = with_matches(list(page.object_list))
    template = "catalog/find.html#finder" if request.htmx else "catalog/find.html"
    context = {
        "form": form,
        "matches": matches,
        "page": page,
        "query": params.urlencode(),
        "core": core,
    }
    return render(request, template, context)


def show_provider(request: HttpRequest, slug: str) -> HttpResponse:
    found = with_details(listed_providers().filter(slug=slug))
    if not found:
        raise Http404
    provider = found[0]
    return render(request, "catalog/provider.html", {"provider": provider})
