"""How django-allauth fits Pearls: names and languages at sign-up, mail in the reader's language."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.db import transaction
from django.urls import translate_url
from django.utils import translation

from pearls.core.audit import audit_record


def _language_of(email, fallback):
    user = get_user_model().objects.filter(email__iexact=email).only("language").first()
    language = user.language if user else fallback
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.name = form.cleaned_data["name"]
        user.language = form.cleaned_data.get("language") or translation.get_language() or "en"
        if commit:
            user.save()
            audit_record(action="account.signup", actor=user, obj=user)
        return user

    def send_mail(self, template_prefix, email, context):
        """Render in the recipient's language; send once the surrounding transaction commits."""
        request = allauth_context.request
        # The person the message is about decides (a new address is not theirs yet).
        person = context.get("user")
        language = getattr(person, "language", "") or _language_of(
            email, translation.get_language()
        )
        with translation.override(language):
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    "current_site": get_current_site(request),
                    "site_url": settings.PEARLS_SITE_URL,
                    **context,
                },
            )
        transaction.on_commit(message.send)

    def get_login_redirect_url(self, request):
        """After signing in people land in their own language (an explicit ``next`` wins)."""
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "language", "")
        return translate_url(url, language) if language else url
