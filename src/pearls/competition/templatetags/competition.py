"""Template tags that other apps' pages use to point to the competition."""

from django import template

from .. import access

register = template.Library()


@register.inclusion_tag("competition/_apply_link.html", takes_context=True)
def apply_link(context, municipality):
    """ "Apply for the title" links of a municipality's team, one per edition whose call is
    open; nothing for people who may not see the application."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"municipality": municipality, "editions": access.editions_open_for(user, municipality)}
