"""Pagination shared by list pages: the page and the query string that keeps the filters."""

from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """(page, query string without ``page``) for ``items``; a bad page number shows the last."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()
