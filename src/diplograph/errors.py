"""The errors diplograph raises, each with a short code and a message a user can act on.

    DiplographError                 DG000  base of everything below
     +-- InputError                 DG100  an input cannot be read or understood
     |    +-- UnknownFormatError    DG101  the format of an input cannot be detected
     |    +-- UnreadableInputError  DG102  missing file, bad encoding, broken JSON line ...
     +-- ExtractionError            DG200  the NLP pipeline failed on an article
     +-- ResourceError              DG300  a gazetteer or rule file is missing or malformed
     +-- StoreError                 DG400  the database cannot be opened or written
     |    +-- SchemaError           DG401  the database has a schema this version cannot use
     |    +-- NotFoundError         DG402  no article, actor or event with the id asked for
     |    +-- AmbiguousError        DG403  a reference names several articles or actors
     +-- UsageError                 DG500  a bad option value (the CLI exits 2)
     +-- OutputError                DG600  an output file cannot be written
     +-- MissingExtraError          DG700  an optional extra is not installed (the CLI exits 3)

The CLI prints ``error: <input>: <message> [CODE]`` on one line of stderr; the library
never prints and never exits. The CLI's exit codes: 1 a failed run, 2 a usage error, 3 a
missing optional extra (``EXIT_MISSING_EXTRA``).
"""

from __future__ import annotations

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_MISSING_EXTRA = 3


class DiplographError(Exception):
    """Base of every error diplograph raises on purpose."""

    code = "DG000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.message} [{self.code}]"


class InputError(DiplographError):
    """An input cannot be read or understood."""

    code = "DG100"


class UnknownFormatError(InputError):
    """The format of an input cannot be detected from its content."""

    code = "DG101"


class UnreadableInputError(InputError):
    """A missing file, an undecodable byte sequence, a broken JSON line, ..."""

    code = "DG102"


class ExtractionError(DiplographError):
    """The NLP pipeline failed on an article."""

    code = "DG200"


class ResourceError(DiplographError):
    """A gazetteer or rule file is missing or malformed."""

    code = "DG300"


class StoreError(DiplographError):
    """The database cannot be opened or written."""

    code = "DG400"


class SchemaError(StoreError):
    """The database has a schema version this diplograph cannot use."""

    code = "DG401"


class NotFoundError(StoreError):
    """No article, actor or event with the id asked for."""

    code = "DG402"


class AmbiguousError(StoreError):
    """A reference names several stored things (``FILE#INDEX`` several articles, a name
    several actors); the CLI exits 1."""

    code = "DG403"


class UsageError(DiplographError):
    """A bad option value; the CLI exits with status 2."""

    code = "DG500"


class OutputError(DiplographError):
    """An output file cannot be written: a missing folder, no permission, a full disk."""

    code = "DG600"


class MissingExtraError(DiplographError):
    """A feature needs an optional extra that is not installed; the CLI exits 3."""

    code = "DG700"

    def __init__(self, feature: str, package: str, extra: str) -> None:
        super().__init__(f"{feature} needs {package}: pip install 'diplograph[{extra}]'")
        self.extra = extra
