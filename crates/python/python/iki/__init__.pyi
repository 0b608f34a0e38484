"""Type stubs of iki: Indonesian IKI documents into structured data."""

import os
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union

import pandas

__version__: str
SCHEMA_VERSION: str

Source = Union[str, os.PathLike[str], bytes, bytearray, memoryview]
"""A document: a path, or its bytes (markdown, Word, Excel, PDF, canonical JSON)."""

Glossary = Union[None, str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]]
"""Glossary files (TSV: wrong <TAB> right) added to the built-in glossary."""

ROW_COLUMNS: Tuple[str, ...]
"""The keys of a row of rows(), in order (the published row contract)."""

TABLE_COLUMNS: Tuple[str, ...]
"""The columns of to_pandas(): year, agency, file, then ROW_COLUMNS."""

class IkiError(Exception):
    """An error of iki; the base of every exception iki raises itself."""

    message: str
    """The whole message, as the iki command prints it."""
    path: Optional[str]
    """The input's name (the path as given, "<bytes>" for bytes), or None."""
    diagnostics: List[Dict[str, Any]]
    """What went wrong: dicts with code, severity, line (or None), message."""
    def __init__(
        self,
        message: str,
        *,
        path: Optional[str] = ...,
        diagnostics: Sequence[Dict[str, Any]] = ...,
    ) -> None: ...
    @property
    def code(self) -> Optional[str]:
        """The code of the first diagnostic ("damaged", "no-positions", ...)."""
    @property
    def line(self) -> Optional[int]:
        """The source line of the first diagnostic, if it has one."""

class UnreadableInputError(IkiError):
    """The input cannot be read as a document (I/O, binary, damaged,
    encrypted, unsupported, too large, a scan without text, no pdftotext)."""

class InvalidDocumentError(IkiError):
    """Read, but not a usable IKI document: no positions, invalid canonical
    JSON, or tables that could not be read (without accept_partial)."""

def convert(
    source: Source,
    *,
    raw: bool = False,
    glossary: Glossary = None,
    accept_partial: bool = False,
) -> Dict[str, Any]:
    """The canonical JSON document `iki convert` writes, as a dict.

    raw skips normalization; glossary adds glossary files; accept_partial
    keeps a document some of whose tables could not be read. Raises
    UnreadableInputError or InvalidDocumentError.
    """

def rows(
    source: Source,
    *,
    raw: bool = False,
    glossary: Glossary = None,
    accept_partial: bool = False,
) -> List[Dict[str, Any]]:
    """The flat rows `iki rows` prints: one dict per indicator row, in
    document order, keys ROW_COLUMNS. Arguments as convert()."""

def render(
    source: Source,
    *,
    raw: bool = False,
    glossary: Glossary = None,
    accept_partial: bool = False,
) -> str:
    """The clean canonical markdown `iki render` prints. Arguments as convert()."""

def check(
    source: Union[Source, Sequence[Source]],
    *,
    glossary: Glossary = None,
    dictionary: Union[None, str, os.PathLike[str]] = None,
    no_dictionary: bool = False,
) -> List[Dict[str, Any]]:
    """One report per document, as `iki check --format json` prints it
    (file, summary, diagnostics, changes, suggestions)."""

def diff(
    old: Source,
    new: Source,
    *,
    ignore_years: bool = False,
    glossary: Glossary = None,
) -> Dict[str, Any]:
    """The report `iki diff --format json OLD NEW` prints; two folders give
    the region report."""

def documents(*paths: Union[str, os.PathLike[str]]) -> List[str]:
    """The documents iki reads under the given folders (recursive, sorted);
    files kept as given."""

def to_pandas(
    source_or_sources: Union[Source, Sequence[Source]],
    *,
    raw: bool = False,
    glossary: Glossary = None,
    accept_partial: bool = False,
    errors: Literal["raise", "skip"] = "raise",
) -> pandas.DataFrame:
    """The rows of one or many documents (folders expanded, converted in
    parallel) as one DataFrame: columns TABLE_COLUMNS. Raises ImportError
    naming pandas when pandas is not installed."""
