"""diplograph: foreign-ministry press releases in, a searchable record of diplomatic events out."""

from __future__ import annotations

from diplograph.errors import (
    AmbiguousError,
    DiplographError,
    ExtractionError,
    InputError,
    MissingExtraError,
    NotFoundError,
    OutputError,
    ResourceError,
    StoreError,
    UnknownFormatError,
    UnreadableInputError,
    UsageError,
)
from diplograph.models import (
    Article,
    Codes,
    Event,
    Evidence,
    Extraction,
    Organization,
    Participant,
    Person,
)

__version__ = "0.1.0"

__all__ = [
    "AmbiguousError",
    "Article",
    "Codes",
    "DiplographError",
    "Event",
    "Evidence",
    "Extraction",
    "ExtractionError",
    "InputError",
    "MissingExtraError",
    "NotFoundError",
    "Organization",
    "OutputError",
    "Participant",
    "Person",
    "ResourceError",
    "StoreError",
    "UnknownFormatError",
    "UnreadableInputError",
    "UsageError",
    "__version__",
]
