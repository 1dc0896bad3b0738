"""Article -> persons, organisations, countries and diplomatic events, without model weights.

``Extractor(settings).extract(article)`` builds a blank-English spaCy pipeline (or a trained
one named by ``settings["model"]`` when it is installed) and the gazetteer matchers once;
``extract(article)`` uses a cached default extractor. Importing this package loads no spaCy
pipeline: that happens when the first ``Extractor`` is built.
"""

from __future__ import annotations

from diplograph.nlp.pipeline import Extractor, extract
from diplograph.nlp.topics import plover_contexts

__all__ = ["Extractor", "extract", "plover_contexts"]
