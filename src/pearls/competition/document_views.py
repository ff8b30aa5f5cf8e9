"""Placeholder until the pages are built (this session)."""

from django.http import Http404


def certificate(request, **kwargs):
    raise Http404


def feedback_letter(request, **kwargs):
    raise Http404


def scores_csv(request, **kwargs):
    raise Http404
