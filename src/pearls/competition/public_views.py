"""Placeholder until the pages are built (this session)."""

from django.http import Http404


def pearls(request, **kwargs):
    raise Http404


def pearls_year(request, **kwargs):
    raise Http404
