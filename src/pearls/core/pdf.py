"""Print documents: HTML templates rendered to PDF by WeasyPrint (worksheets on A3, plans).

Templates carry their own ``@page`` rules and inline stylesheet; nothing is fetched over the
network (a URL fetcher that refuses everything but data: URIs keeps it that way).
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify


def _no_network(url, *args, **kwargs):
    if url.startswith("data:"):
        from weasyprint import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Print documents load nothing from {url}")


def pdf_render(template, context, request=None):
    """The PDF bytes of ``template`` rendered with ``context``."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, url_fetcher=_no_network).write_pdf()


def pdf_response(pdf, filename, *, inline=False):
    """An HTTP response that downloads (or, with ``inline``, shows) ``pdf`` as ``filename``."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    name = slugify(filename.removesuffix(".pdf")) or "document"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.pdf"'
    return response
