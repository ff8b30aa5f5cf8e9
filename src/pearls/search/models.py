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
