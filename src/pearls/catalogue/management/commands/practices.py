"""``pearls practices import|export|search``: the open-data and search contract."""

import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from pearls.catalogue import selectors, services
from pearls.catalogue.exporting import iter_csv, iter_jsonl
from pearls.catalogue.importing import parse_jsonl


class Command(BaseCommand):
    help = "Import, export and search good practices (interchange records, JSON Lines)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        importer = sub.add_parser("import", help="Validate and upsert JSON Lines records by id.")
        importer.add_argument("files", nargs="+", metavar="FILE")
        importer.add_argument(
            "--skip-invalid", action="store_true", help="Import the valid records, report the rest."
        )
        importer.add_argument(
            "--dry-run", action="store_true", help="Check and count, write nothing."
        )
        exporter = sub.add_parser("export", help="Write published practices in canonical form.")
        exporter.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        exporter.add_argument("--output", metavar="FILE", help="Default: standard output.")
        searcher = sub.add_parser("search", help="Search published practices.")
        searcher.add_argument("query", nargs="?", default="")
        searcher.add_argument(
            "--lang", default="en", help="Language of the query (never a filter)."
        )
        searcher.add_argument("--limit", type=int, default=20)
        searcher.add_argument(
            "--json", action="store_true", dest="as_json", help="Print JSON instead of text."
        )
        searcher.add_argument(
            "--batch",
            metavar="FILE",
            help='JSON lines {"id", "text", "lang"}; one result line each.',
        )

    def handle(self, *args, action, **options):
        return getattr(self, f"handle_{action}")(**options)

    # import ---------------------------------------------------------------------------------
    def handle_import(self, *, files, skip_invalid, dry_run, verbosity, **_options):
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"No such file: {name}")
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except UnicodeDecodeError as error:
                raise CommandError(f"{name} is not UTF-8 text: {error}") from error
            parsed = parse_jsonl(
                tqdm(
                    lines,
                    desc=f"checking {path.name}",
                    unit=" lines",
                    file=sys.stderr,
                    disable=verbosity < 1 or len(lines) < 500,
                )
            )
            for error in parsed.errors:
                self.stderr.write(f"{name}: {error}")
            if parsed.errors and not skip_invalid:
                raise CommandError(
                    f"{name}: {len(parsed.invalid_lines)} of {parsed.total} records are invalid "
                    f"({len(parsed.errors)} errors); nothing was imported. Fix them, or use "
                    "--skip-invalid to import the valid records."
                )
            report = services.practices_import(
                records=[record for _line, record in parsed.records],
                source_name=path.name,
                dry_run=dry_run,
            )
            prefix = "Dry run, nothing written: " if dry_run else ""
            skipped = f", {len(parsed.invalid_lines)} invalid skipped" if parsed.errors else ""
            self.stdout.write(
                f"{prefix}{name}: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged{skipped}."
            )

    # export ---------------------------------------------------------------------------------
    def handle_export(self, *, format, output, **_options):  # noqa: A002 - the option's name
        practices = selectors.practices_published()
        chunks = iter_csv(practices) if format == "csv" else iter_jsonl(practices)
        if output:
            newline = "" if format == "csv" else "\n"
            with open(output, "w", encoding="utf-8", newline=newline) as handle:
                for chunk in chunks:
                    handle.write(chunk)
            self.stderr.write(f"Wrote {practices.count()} practices to {output}.")
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")

    # search ---------------------------------------------------------------------------------
    def _search(self, text, lang, limit):
        started = time.perf_counter()
        with translation.override(lang if lang else None):
            results = selectors.practices_search(
                query=text, filters={}, language=lang or "en", facets=False
            )
            ids = results.slugs(limit)
        return ids, round((time.perf_counter() - started) * 1000, 2)

    def handle_search(self, *, query, lang, limit, as_json, batch, **_options):
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        if batch:
            path = Path(batch)
            if not path.is_file():
                raise CommandError(f"No such file: {batch}")
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            for number, line in enumerate(tqdm(lines, desc="searching", file=sys.stderr), 1):
                try:
                    item = json.loads(line)
                    query_id, text = item["id"], item["text"]
                except (ValueError, KeyError, TypeError) as error:
                    raise CommandError(
                        f"{batch} line {number}: expected {{id, text, lang}}: {error}"
                    ) from error
                ids, took = self._search(text, item.get("lang", ""), limit)
                self.stdout.write(
                    json.dumps({"query_id": query_id, "results": ids, "took_ms": took})
                )
            return
        if not query.strip():
            raise CommandError("Give a QUERY or --batch FILE.")
        ids, took = self._search(query, lang, limit)
        if as_json:
            self.stdout.write(
                json.dumps({"query": query, "results": ids, "took_ms": took}, ensure_ascii=False)
            )
        else:
            for rank, slug in enumerate(ids, 1):
                self.stdout.write(f"{rank:>3}. {slug}")
            self.stderr.write(f"{len(ids)} results in {took} ms")
