"""Templated e-mail in the recipient's language, sent only once the transaction commits."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render_message(template, context, language):
    """(subject, text body) of ``email/<template>_subject.txt`` and ``_message.txt``."""
    with translation.override(language):
        subject = render_to_string(f"email/{template}_subject.txt", context).strip()
        body = render_to_string(f"email/{template}_message.txt", context)
    return " ".join(subject.splitlines()), body


def mail_send(*, to, template, context, language):
    """Queue one e-mail to address ``to`` in ``language``; it leaves after the commit.

    Rendering happens now (inside the transaction, with the data as written); a rollback
    means nothing is sent. Outside a transaction it is sent at once.
    """
    context = {**context, "site_url": settings.PEARLS_SITE_URL}
    subject, body = render_message(template, context, language)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    transaction.on_commit(message.send)
    return message
