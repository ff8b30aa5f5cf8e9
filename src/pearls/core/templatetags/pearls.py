import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pearls.catalogue import vocabulary
from pearls.core.languages import fold, language_local_name, language_name, pick

register = template.Library()


@register.simple_tag
def localized(obj, field):
    """The reader's-language text of a language-map field, as a ``Shown`` (text, language)."""
    return pick(getattr(obj, field), get_language(), getattr(obj, "original_language", None))


@register.filter
def language_label(code):
    return language_name(code)


@register.filter
def language_self_name(code):
    return language_local_name(code)


@register.filter
def country_label(code):
    return vocabulary.country_name(code)


@register.filter
def vocabulary_label(code, name):
    return vocabulary.label(name, code)


@register.filter
def split(value):
    """``"a b c"|split`` → ["a", "b", "c"] (field lists in templates)."""
    return value.split()


@register.filter
def field(form, name):
    """A form field rendered with its label, help text and errors."""
    return form[name].as_field_group()


@register.filter
def text_fields_in(form, language):
    """The per-language text fields of a proposal form, for one language."""
    return form.text_fields(language)


@register.filter
def highlight(text, terms):
    """``text`` with the words that a search term begins marked (<mark>), HTML-escaped."""
    if not terms:
        return text
    parts = re.split(r"(\w+)", str(text))
    out = []
    for part in parts:
        folded = fold(part)
        if part and part[0].isalnum() and any(folded.startswith(term) for term in terms):
            out.append(f"<mark>{escape(part)}</mark>")
        else:
            out.append(escape(part))
    return mark_safe("".join(out))  # noqa: S308 - every part is escaped above
