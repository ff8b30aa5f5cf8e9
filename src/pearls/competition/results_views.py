"""Placeholder until the pages are built (this session)."""

from django.http import Http404


def results(request, **kwargs):
    raise Http404


def decision(request, **kwargs):
    raise Http404


def decision_publish(request, **kwargs):
    raise Http404
