"""Formatted plan text: people write light Markdown (paragraphs, lists, **bold**, headings,
links); it is rendered with Python-Markdown and sanitised with nh3 (Ammonia) before it is
shown or exported, so no script or style a person types ever reaches a page."""

import markdown
import nh3
from django.utils.safestring import mark_safe

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "a", "blockquote"}
ATTRIBUTES = {"a": {"href"}}
MAX_LENGTH = 20_000


def render(text):
    """Safe HTML of ``text`` (Markdown). Headings start at level 3 under the section's own."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h4>").replace("</h2>", "</h4>")
    return mark_safe(  # noqa: S308 - sanitised by nh3 on the line below
        nh3.clean(
            html,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )
