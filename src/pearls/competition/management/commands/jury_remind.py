from django.core.management.base import BaseCommand, CommandError

from pearls.competition.jury import jury_reminders_send
from pearls.competition.models import Edition


class Command(BaseCommand):
    help = (
        "E-mail each juror of the editions in the jury phase who still has candidates to score "
        "(not conflicted, not submitted): how many, and the jury deadline in the edition's "
        "local time. At most one reminder per juror per day (kept in the audit log as "
        "jury.remind), so it is safe to run more often. Run it on a schedule: in production "
        "add a daily Celery beat entry that calls call_command('jury_remind'); elsewhere use a "
        "daily cron line (`pearls jury_remind`) or run it by hand."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Only the edition of this title year.")
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be reminded, send nothing."
        )

    def handle(self, *args, year=None, dry_run=False, **options):
        if year is not None:
            edition = Edition.objects.filter(title_year=year).first()
            if edition is None:
                raise CommandError(f"There is no edition of {year}.")
            if edition.phase != Edition.Phase.JURY:
                raise CommandError(
                    f"The edition of {year} is not in the jury phase (it is in "
                    f"“{edition.phase}”): nobody to remind."
                )
        sent, skipped = jury_reminders_send(year=year, dry_run=dry_run)
        verb = "Would remind" if dry_run else "Reminded"
        for reminder in sent:
            editions = ", ".join(
                f"{item.edition.title_year}: {item.count}" for item in reminder.items
            )
            self.stdout.write(f"{verb} {reminder.user.email} ({editions} to score).")
        for reminder in skipped:
            self.stdout.write(f"Skipped {reminder.user.email}: already reminded today.")
        self.stdout.write(
            f"{verb} {len(sent)} juror(s); {len(skipped)} already reminded today."
            + (" Dry run: nothing sent." if dry_run else "")
        )
