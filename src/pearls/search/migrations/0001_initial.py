from django.db import migrations, models

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_practice_fts USING fts5(title, body, "
    "content='search_practicetext', content_rowid='practice_id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_practicetext_ai AFTER INSERT ON search_practicetext BEGIN "
    "INSERT INTO search_practice_fts(rowid, title, body) "
    "VALUES (new.practice_id, new.title, new.body); END",
    "CREATE TRIGGER search_practicetext_ad AFTER DELETE ON search_practicetext BEGIN "
    "INSERT INTO search_practice_fts(search_practice_fts, rowid, title, body) "
    "VALUES ('delete', old.practice_id, old.title, old.body); END",
    "CREATE TRIGGER search_practicetext_au AFTER UPDATE ON search_practicetext BEGIN "
    "INSERT INTO search_practice_fts(search_practice_fts, rowid, title, body) "
    "VALUES ('delete', old.practice_id, old.title, old.body); "
    "INSERT INTO search_practice_fts(rowid, title, body) "
    "VALUES (new.practice_id, new.title, new.body); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_practicetext_au",
    "DROP TRIGGER IF EXISTS search_practicetext_ad",
    "DROP TRIGGER IF EXISTS search_practicetext_ai",
    "DROP TABLE IF EXISTS search_practice_fts",
]
POSTGRES_CREATE = [
    "CREATE INDEX search_practicetext_fts ON search_practicetext USING gin (("
    "setweight(to_tsvector('simple'::regconfig, COALESCE(title, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, COALESCE(body, '')), 'B')))",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_practicetext_fts"]


def create_full_text(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, []):
        schema_editor.execute(statement)


def drop_full_text(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    initial = True

    dependencies = [("catalogue", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="PracticeText",
            fields=[
                (
                    "practice",
                    models.OneToOneField(
                        on_delete=models.deletion.CASCADE,
                        primary_key=True,
                        related_name="text",
                        serialize=False,
                        to="catalogue.practice",
                    ),
                ),
                ("title", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
            ],
        ),
        migrations.RunPython(create_full_text, drop_full_text),
    ]
