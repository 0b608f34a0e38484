"""iki: turn Indonesian IKI (Indikator Kinerja Individu) documents into
structured data.

Every function reads a document from a path (``str`` or ``os.PathLike``) or
from ``bytes``: markdown a converter made, a Word, Excel or PDF original
(told by content, not by name), or iki's canonical JSON. The results are
those of the ``iki`` command: :func:`convert` is ``iki convert``,
:func:`rows` is ``iki rows``, :func:`check` is ``iki check --format json``,
:func:`diff` is ``iki diff --format json``, :func:`render` is ``iki render``
(each equal to ``json.loads`` of the command's output).

The work on a document runs in Rust with the GIL released, so threads
convert documents in parallel::

    from concurrent.futures import ThreadPoolExecutor
    import iki

    files = iki.documents("iki-sumenep/")
    with ThreadPoolExecutor() as pool:
        docs = list(pool.map(iki.convert, files))
"""

import json as _json
import os as _os
import warnings as _warnings
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Union

from . import _iki
from ._errors import IkiError, InvalidDocumentError, UnreadableInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__version__: str = _iki.__version__
SCHEMA_VERSION: str = _iki.SCHEMA_VERSION

__all__ = [
    "convert",
    "rows",
    "check",
    "diff",
    "render",
    "to_pandas",
    "documents",
    "ROW_COLUMNS",
    "TABLE_COLUMNS",
    "IkiError",
    "UnreadableInputError",
    "InvalidDocumentError",
    "SCHEMA_VERSION",
    "__version__",
]

Source = Union[str, "_os.PathLike[str]", bytes, bytearray, memoryview]
Glossary = Union[None, str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]]

#: The keys of a row of :func:`rows`, in their order (the published row
#: contract of ``iki rows``).
ROW_COLUMNS = (
    "group",
    "unit",
    "position_id",
    "position_number",
    "position_title",
    "sasaran",
    "indikator",
    "formulasi",
    "sumber_data",
    "measure",
    "source_lines",
    "source_place",
    "extra",
)

#: The columns of :func:`to_pandas`: the document's year and agency, the
#: file the row came from, then :data:`ROW_COLUMNS`.
TABLE_COLUMNS = ("year", "agency", "file") + ROW_COLUMNS


def _source(source: Any) -> Any:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source)
    if isinstance(source, memoryview):
        return source.tobytes()
    if isinstance(source, (str, _os.PathLike)):
        path = _os.fspath(source)
        return _os.fsdecode(path) if isinstance(path, bytes) else path
    raise TypeError(
        "iki reads a path (str or os.PathLike) or bytes, not %s" % type(source).__name__
    )


def _glossary(glossary: Glossary) -> Optional[List[str]]:
    if glossary is None:
        return None
    if isinstance(glossary, (str, _os.PathLike)):
        return [_source(glossary)]
    return [_source(g) for g in glossary]


def _many(sources: Any) -> List[Any]:
    if isinstance(sources, (str, bytes, bytearray, memoryview, _os.PathLike)):
        return [_source(sources)]
    return [_source(s) for s in sources]


def convert(
    source: Source,
    *,
    raw: bool = False,
    glossary: Glossary = None,
    accept_partial: bool = False,
) -> Dict[str, Any]:
    """Read a document and return its canonical JSON document as a dict.

    The same document ``iki convert SOURCE`` writes (equal to ``json.loads``
    of its output, keys in the same order): positions, their Tugas and
    Fungsi, indicator tables, each element with its source lines.

    Args:
        source: a path (``str`` or ``os.PathLike``) or the document's bytes:
            markdown, a .docx/.xlsx/.xls/.ods/.pdf original, or canonical JSON.
        raw: skip normalization (``--raw``): the document as parsed.
        glossary: a glossary file (TSV: wrong <TAB> right) or a list of
            them, added to the built-in one (``--glossary``).
        accept_partial: keep a document some of whose tables could not be
            read (``--accept-partial``); otherwise that raises
            :class:`InvalidDocumentError`.

    Raises:
        UnreadableInputError: the input cannot be read as a document.
        InvalidDocumentError: no IKI positions, invalid canonical JSON, or
            lost content without ``accept_partial``.
    """
    return _json.loads(
        _iki.convert(_source(source), raw, _glossary(glossary), accept_partial)
    )


def rows(
    source: Source,
    *,
    raw: bool = False,
    glossary: Glossary = None,
    accept_partial: bool = False,
) -> List[Dict[str, Any]]:
    """Read a document and return its flat rows: one dict per indicator row,
    in document order, with the keys of :data:`ROW_COLUMNS` in that order
    (the lines ``iki rows SOURCE`` prints, each as ``json.loads`` reads it).

    Arguments and exceptions as :func:`convert`.

    >>> len(rows("seeds/bkpsdm-sumenep-2024.md"))
    276
    """
    return _json.loads(
        _iki.rows(_source(source), raw, _glossary(glossary), accept_partial)
    )


def render(
    source: Source,
    *,
    raw: bool = False,
    glossary: Glossary = None,
    accept_partial: bool = False,
) -> str:
    """Read a document and return it as clean markdown in iki's one
    canonical layout (what ``iki render SOURCE`` prints).

    Arguments and exceptions as :func:`convert`.
    """
    return _iki.render(_source(source), raw, _glossary(glossary), accept_partial)


def check(
    source: Union[Source, Sequence[Source]],
    *,
    glossary: Glossary = None,
    dictionary: Union[None, str, "_os.PathLike[str]"] = None,
    no_dictionary: bool = False,
) -> List[Dict[str, Any]]:
    """Check one or more documents: a list of one report per document.

    Each report is what ``iki check --format json`` prints for the
    document: ``file``, ``summary`` (errors, warnings, fixed, suggestions),
    ``diagnostics`` (parse and normalize diagnostics with ``severity``,
    ``code``, ``message``, ``span``), ``changes`` (every fix the normalizer
    made) and ``suggestions`` (possible typos, with their evidence). Given a
    list, word counts for the suggestions are taken over all documents, as
    ``iki check A B`` does (whose output is this list).

    Args:
        source: a path or bytes, or a list of them.
        glossary: glossary file(s) added to the built-in one.
        dictionary: a Hunspell dictionary (path without .dic/.aff) added to
            the built-in word list (``--dictionary``).
        no_dictionary: the word list proposes no corrections of its own
            (``--no-dictionary``).

    A document with errors is reported, not raised: look at
    ``report["summary"]["errors"]``. Exceptions as :func:`convert` for an
    input that cannot be read at all.
    """
    dictionary_path = None if dictionary is None else _source(dictionary)
    return _json.loads(
        _iki.check(_many(source), _glossary(glossary), dictionary_path, no_dictionary)
    )


def diff(
    old: Source,
    new: Source,
    *,
    ignore_years: bool = False,
    glossary: Glossary = None,
) -> Dict[str, Any]:
    """Compare two years' IKI: the report ``iki diff --format json OLD NEW``
    prints (``old``, ``new``, ``summary``, ``changes``): positions added,
    removed, renamed, renumbered or moved; duties, indicators, formulas and
    data sources changed. Both sides are normalized first.

    Two folders give the region report of ``iki diff OLD_DIR NEW_DIR``
    (every document paired with its partner, read in parallel).

    Args:
        old, new: paths or bytes (source documents or canonical JSON), or
            two folders.
        ignore_years: treat years in the text as equal (``--ignore-years``).
        glossary: glossary file(s) added to the built-in one.

    Exceptions as :func:`convert`.
    """
    return _json.loads(
        _iki.diff(_source(old), _source(new), ignore_years, _glossary(glossary))
    )


def documents(*paths: Union[str, "_os.PathLike[str]"]) -> List[str]:
    """The documents iki reads under the given folders (recursively, sorted
    as ``iki export`` and ``iki diff`` take them: .md, .markdown, .txt,
    .json, .docx, .xlsx, .xlsm, .xls, .ods, .pdf); files are kept as given.
    """
    return _iki.expand([_source(p) for p in paths])


def to_pandas(
    source_or_sources: Union[Source, Sequence[Source]],
    *,
    raw: bool = False,
    glossary: Glossary = None,
    accept_partial: bool = False,
    errors: str = "raise",
) -> "pandas.DataFrame":
    """The rows of one or many documents as one pandas DataFrame.

    One row per indicator, with the columns :data:`TABLE_COLUMNS`: the
    document's ``year`` (nullable integer) and ``agency``, the ``file`` it
    came from, then the row columns of :func:`rows`. Folders are expanded
    to the documents inside them (see :func:`documents`); the documents are
    converted in parallel (on every core, outside the GIL) and their rows
    kept in input order.

    Args:
        source_or_sources: a folder, a file, bytes, or a list of them.
        raw, glossary, accept_partial: as :func:`convert`.
        errors: ``"raise"`` (the default) raises the first document that
            fails, in input order; ``"skip"`` leaves failing documents out
            with a :class:`RuntimeWarning` naming each.

    Raises:
        ImportError: pandas is not installed.
        IkiError: no document was found; or as :func:`convert`.
    """
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "iki.to_pandas needs pandas, which is not installed: "
            "pip install pandas (or pip install 'iki[pandas]')",
            name="pandas",
        ) from e
    if errors not in ("raise", "skip"):
        raise ValueError("errors must be 'raise' or 'skip', not %r" % (errors,))
    inputs: List[Any] = []
    for s in _many(source_or_sources):
        inputs.extend([s] if isinstance(s, bytes) else _iki.expand([s]))
    if not inputs:
        raise IkiError("no document could be read: no document in %r" % (source_or_sources,))
    text, failed = _iki.table(
        inputs, raw, _glossary(glossary), accept_partial, errors == "skip"
    )
    for file, error in failed:
        _warnings.warn("iki: left out %s: %s" % (file, error), RuntimeWarning, stacklevel=2)
    frame = pd.DataFrame(_json.loads(text), columns=list(TABLE_COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    return frame
