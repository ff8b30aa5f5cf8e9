from django import template
from django.utils.translation import get_language

from pearls.catalogue import vocabulary
from pearls.core.languages import language_local_name, language_name, pick

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
