"""The exceptions iki raises (the native module raises these classes)."""

from typing import Any, Dict, Iterable, List, Optional

__all__ = ["IkiError", "UnreadableInputError", "InvalidDocumentError"]


class IkiError(Exception):
    """An error of iki: the base of every exception iki raises itself.

    Attributes:
        message: the whole message, as the ``iki`` command prints it.
        path: the input's name (the path as given, ``"<bytes>"`` for bytes
            given in memory), or None.
        diagnostics: what went wrong, as a list of dicts with the keys
            ``code``, ``severity``, ``line`` (1-based line of the source
            text, or None) and ``message``.
        code, line: those of the first diagnostic (None if there is none).
    """

    def __init__(
        self,
        message: str,
        *,
        path: Optional[str] = None,
        diagnostics: Iterable[Dict[str, Any]] = (),
    ) -> None:
        super().__init__(message)
        self.message: str = message
        self.path: Optional[str] = path
        self.diagnostics: List[Dict[str, Any]] = list(diagnostics)

    @property
    def code(self) -> Optional[str]:
        """The code of the first diagnostic (``"damaged"``, ``"no-positions"``...)."""
        return self.diagnostics[0]["code"] if self.diagnostics else None

    @property
    def line(self) -> Optional[int]:
        """The source line of the first diagnostic, if it has one."""
        return self.diagnostics[0]["line"] if self.diagnostics else None

    def __reduce__(self):  # type: ignore[override]
        # Keeps the attributes when the exception crosses processes
        # (multiprocessing, Dask, Spark).
        return (_rebuild, (type(self), self.message, self.path, self.diagnostics))


def _rebuild(cls, message, path, diagnostics):  # type: ignore[no-untyped-def]
    return cls(message, path=path, diagnostics=diagnostics)


class UnreadableInputError(IkiError):
    """The input cannot be read as a document: the file cannot be opened or
    read, or it is binary, a damaged, encrypted, unsupported or too large
    original, a scanned PDF without text, or a PDF while pdftotext is not
    installed. ``code`` tells which (``"unreadable"``, ``"not-text"``,
    ``"damaged"``, ``"unsupported"``, ``"password-protected"``,
    ``"too-large"``, ``"no-text-layer"``, ``"not-installed"``,
    ``"program-failed"``)."""


class InvalidDocumentError(IkiError):
    """The input was read but is not a usable IKI document: no positions
    were found (``"no-positions"``), canonical JSON that does not validate
    (``"invalid-json"``), or parts of the document (tables) could not be
    read and ``accept_partial`` was not given: ``diagnostics`` are then the
    errors of those parts."""
