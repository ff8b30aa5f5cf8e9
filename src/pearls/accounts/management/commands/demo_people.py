from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pearls.accounts import demo


class Command(BaseCommand):
    help = (
        "Load the programme's municipalities and editions, and (in development) demo accounts "
        "for every role. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts", action="store_true", help="Municipalities and editions only."
        )

    def handle(self, *args, no_accounts=False, **options):
        if not no_accounts and not settings.DEBUG:
            raise CommandError(
                "Demo accounts have a published password: they are created only with DEBUG on. "
                "Use --no-accounts for municipalities and editions alone."
            )
        (created, updated, unchanged), editions, emails = demo.demo_load(
            with_accounts=not no_accounts
        )
        self.stdout.write(
            f"Municipalities: {created} created, {updated} updated, {unchanged} unchanged. "
            f"Editions created: {editions}."
        )
        if emails:
            self.stdout.write(
                f"Demo accounts (password {demo.DEMO_PASSWORD!r}; two-factor code from the "
                f"TOTP secret {demo.DEMO_TOTP_SECRET}):"
            )
            for email in emails:
                self.stdout.write(f"  {email}")
