from django.db import models


class PracticeText(models.Model):
    """The folded text of a practice that lexical search matches (all languages together).

    On SQLite an FTS5 table mirrors it through triggers; on PostgreSQL a GIN index over its
    weighted text-search vector serves the same queries.
    Written only by ``lexical.index_practices``.
    """

    practice = models.OneToOneField(
        "catalogue.Practice", on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)

    def __str__(self):
        return self.title[:60]


class PracticeVector(models.Model):
    """The embedding of one language version of a practice (see ``embeddings.passages``).

    ``vector`` holds float32 values on every database; PostgreSQL also keeps them in a pgvector
    column ``embedding`` with an HNSW index (added by this app's migration, written by
    ``semantic.store``). Rows are replaced, never updated, so a new id means new vectors.
    """

    practice = models.ForeignKey(
        "catalogue.Practice", on_delete=models.CASCADE, related_name="vectors"
    )
    language = models.CharField(max_length=8)
    model = models.CharField(max_length=40)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "language"], name="one_vector_per_language")
        ]

    def __str__(self):
        return f"{self.practice_id}:{self.language}"
