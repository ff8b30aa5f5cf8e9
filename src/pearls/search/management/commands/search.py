import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from pearls.catalogue.models import Practice
from pearls.core.db import statistics_refresh
from pearls.search import lexical, semantic
from pearls.search.models import PracticeVector
from pearls.search.tasks import BATCH, embed_practices


class Command(BaseCommand):
    help = "Search index maintenance: `reindex` rebuilds the full-text and vector indexes."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        reindex = sub.add_parser("reindex", help="Re-embed and re-index every practice.")
        reindex.add_argument(
            "--missing", action="store_true", help="Only practices that have no vectors yet."
        )
        reindex.add_argument("--dry-run", action="store_true", help="Count, change nothing.")
        sub.add_parser("status", help="How many practices have vectors.")

    def handle(self, *args, action, **options):
        if action == "status":
            total = Practice.objects.count()
            done = PracticeVector.objects.values("practice").distinct().count()
            self.stdout.write(f"{done} of {total} practices have vectors.")
            return
        ids = list(Practice.objects.order_by("pk").values_list("pk", flat=True))
        if options["missing"]:
            ids = semantic.missing(ids)
        if options["dry_run"]:
            self.stdout.write(f"Would index {len(ids)} practices.")
            return
        if not ids:
            self.stdout.write("Nothing to index.")
            return
        started, embedded = time.perf_counter(), 0
        try:
            with tqdm(total=len(ids), desc="indexing", unit="practice", file=sys.stderr) as bar:
                for start in range(0, len(ids), BATCH):
                    batch = ids[start : start + BATCH]
                    lexical.index_practices(Practice.objects.filter(pk__in=batch))
                    embedded += embed_practices(batch)
                    bar.update(len(batch))
        except KeyboardInterrupt as error:
            raise CommandError("Interrupted; run again with --missing to finish.") from error
        statistics_refresh()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Indexed {len(ids)} practices: {embedded} passages embedded "
            f"(unchanged ones skipped) in {seconds:.1f} s."
        )
