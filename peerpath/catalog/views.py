from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from peerpath.catalog.forms import ProviderFilterForm
from peerpath.catalog.search import ProviderQuery, find_providers, listed_providers, with_details


def find_training(request: HttpRequest) -> HttpResponse:
    form = ProviderFilterForm(request.GET or None)
    matches = None
    core = None
    if not request.GET:
        matches = find_providers(ProviderQuery())
        # A newcomer needs the core training first: show its providers before the rest.
        core = with_details(listed_providers().filter(offers_core_training=True))
    elif form.is_valid():
        matches = find_providers(form.to_query())
    template = "catalog/find.html#finder" if request.htmx else "catalog/find.html"
    return render(request, template, {"form": form, "matches": matches, "core": core})


def show_provider(request: HttpRequest, slug: str) -> HttpResponse:
    found = with_details(listed_providers().filter(slug=slug))
    if not found:
        raise Http404
    provider = found[0]
    return render(request, "catalog/provider.html", {"provider": provider})
