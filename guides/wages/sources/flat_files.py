"""A folder of BLS's own tab-separated time-series files (`oe.area`, `oe.occupation`, `oe.industry`,
`oe.datatype`, `oe.footnote`, `oe.data.0.Current`): one line per series, the series ID being
`OEU` + area type + area + industry + occupation + the 2-digit datatype."""

import datetime
import re

from .common import (
    DATATYPE_FIELDS,
    DATATYPES,
    SERIES,
    Cell,
    ReleaseSource,
    SourceError,
    sha256,
    wanted,
)

BLS_FILES = ["oe.area", "oe.occupation", "oe.industry", "oe.datatype", "oe.footnote"]
DATA_FILE = "oe.data.0.Current"


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
        source.occupations = source._levelled("oe.occupation", "occupation")
        source.industries = source._levelled("oe.industry", "industry")
        source.check_industries(path / "oe.industry")
        datatypes = {row["datatype_code"] for _, row in source._table("oe.datatype")}
        if missing := set(DATATYPES) - datatypes:
            raise SourceError(f"{path / 'oe.datatype'}: datatypes {sorted(missing)} are missing.")
        source._read_release()
        return source

    def _levelled(self, name, kind):
        """(code, name, display level) of each occupation or industry."""
        rows = []
        for line, row in self._table(name):
            try:
                level = int(row["display_level"])
            except ValueError:
                raise SourceError(
                    f"{self.path / name}, line {line}: display_level is not a number."
                ) from None
            rows.append((row[f"{kind}_code"], row[f"{kind}_name"], level))
        return rows

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
            "oe.industry": {"industry_code", "industry_name", "display_level"},
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
        """Every cell imported (see common.wanted), gathered from its series lines and checked."""
        known = self.known_codes()
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
            if not wanted(kind, industry):
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
                cell = Cell(kind, area, occupation, [None] * 17, [None] * 17, where, industry)
                cells[series[:-2]] = cell
            cell.values[position], cell.notes[position] = values[3], note
        for cell in cells.values():
            self.check_cell(cell.where, cell, known)
            yield cell
        if not cells:
            raise SourceError(f"{name}, line {last}: no cross-industry estimates.")
