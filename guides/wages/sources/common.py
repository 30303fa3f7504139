"""What both layouts of an OEWS release share: the codes, the checks every value passes, and the
release read from disk (`ReleaseSource`), whose `cells()` each layout provides."""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models

from ..models import DATATYPE_FIELDS, Area, Estimate

CROSS_INDUSTRY = "000000"
DATATYPES = list(DATATYPE_FIELDS)
# Datatypes every estimate has; 16 and 17 (jobs per 1,000, location quotient) are not computed
# for the nation as a whole.
REQUIRED_DATATYPES = DATATYPES[:15]
NOT_PUBLISHED = "-"
# Industry codes are NAICS digits or BLS groupings: "622000", "31--34" (a sector), "3250A1".
SERIES = re.compile(r"OEU([NSM])(\d{7})([0-9A-Z-]{6})(\d{6})(\d{2})")
TOP_CODED = re.compile(r"\$([\d.,]+) per hour or \$([\d,]+) per year")


class SourceError(Exception):
    """A damaged, truncated or unreadable input: the message says where."""


def _number_pattern(model_field):
    """What a value of this field may look like, so it fits the column it goes into."""
    if isinstance(model_field, models.DecimalField):
        whole = model_field.max_digits - model_field.decimal_places
        return re.compile(rf"\d{{1,{whole}}}(\.\d+)?")
    return re.compile(r"\d{1,9}")


PATTERNS = [_number_pattern(Estimate._meta.get_field(name)) for name in DATATYPE_FIELDS.values()]


def _row_pattern():
    """A whole row of 17 values, as str() joins them with tabs, checked in one match rather than
    17 (a release has six million values, nearly all well formed): each a number that fits its
    column or "-" (not published), or "None" (no such series) where the datatype is optional."""
    parts = [
        f"(?:-|{pattern.pattern}{'' if datatype in REQUIRED_DATATYPES else '|None'})"
        for datatype, pattern in zip(DATATYPES, PATTERNS, strict=True)
    ]
    return re.compile("\t".join(parts))


ROW = _row_pattern()


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def soc(code6):
    """ "119111" -> "11-9111"."""
    return f"{code6[:2]}-{code6[2:]}"


def wanted(kind, industry):
    """The estimates imported: every area's for all industries, and the nation's by industry."""
    return industry == CROSS_INDUSTRY or kind == Area.Kind.NATIONAL


@dataclass
class Cell:
    """One occupation in one area and industry: 17 values (text as published, or None when BLS
    has no such series) and their footnote codes."""

    kind: str
    area: str
    occupation: str
    values: list
    notes: list
    where: str = ""  # where its first line is, for messages
    industry: str = CROSS_INDUSTRY


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
    industries: list = field(default_factory=list)  # (code, name, level)

    @property
    def top_coded(self):
        """BLS's top-coding thresholds (hourly, annual) as footnote 5 words them, if it does."""
        match = TOP_CODED.search(self.footnotes.get("5", ""))
        if not match:
            return None, None
        return match[1].replace(",", ""), int(match[2].replace(",", ""))

    def well_formed(self, cell, known):
        """The quick pass over a cell: True when check_values and check_cell would find nothing.
        Where it says False, they say what is wrong."""
        return (
            ROW.fullmatch("\t".join(map(str, cell.values))) is not None
            and self.footnotes.keys() >= set(filter(None, cell.notes))
            and cell.area in known["area"]
            and cell.occupation in known["occupation"]
            and cell.industry in known["industry"]
        )

    def check_values(self, where, values, notes):
        """check_value for a row of 17 values, whose `where` lacks the datatype."""
        for position, datatype in enumerate(DATATYPES):
            self.check_value(f"{where}{datatype}", position, values[position], notes[position])

    def check_value(self, where, position, text, note):
        """Raise a SourceError at `where` unless the value and its footnote are well formed."""
        if note and any(code not in self.footnotes for code in note.split(",")):
            raise SourceError(f"{where}: unknown footnote code {note!r}.")
        if text is None or text == NOT_PUBLISHED:
            return
        if not PATTERNS[position].fullmatch(text):
            name = DATATYPE_FIELDS[DATATYPES[position]].replace("_", " ")
            raise SourceError(f"{where}: {name} {text!r} is not a number BLS would publish.")

    def check_industries(self, where):
        if CROSS_INDUSTRY not in {industry[0] for industry in self.industries}:
            raise SourceError(f"{where}: no cross-industry code {CROSS_INDUSTRY}.")

    def known_codes(self):
        """The codes of the release's lists: {"area": {...}, "occupation": {...}, "industry": ...}."""
        return {
            "area": {area[0] for area in self.areas},
            "occupation": {occupation[0] for occupation in self.occupations},
            "industry": {industry[0] for industry in self.industries},
        }

    def check_cell(self, where, cell, known):
        for name in ("area", "occupation", "industry"):
            if getattr(cell, name) not in known[name]:
                raise SourceError(
                    f"{where}: {name} {getattr(cell, name)} is not in the release's {name} list."
                )
        for position, datatype in enumerate(DATATYPES):
            if cell.values[position] is None and datatype in REQUIRED_DATATYPES:
                raise SourceError(
                    f"{where}: datatype {datatype} is missing (the file may be truncated)."
                )


def area_states(kind, fips, name):
    """Postal codes of the states an area lies in: a metro area's name ends with them
    ("Boston-Cambridge-Newton, MA-NH"); a state or nonmetro area is in its own state."""
    from ..states import BY_FIPS

    if kind == Area.Kind.NATIONAL:
        return []
    own = BY_FIPS[fips].postal if fips in BY_FIPS else ""
    suffix = re.search(r", ([A-Z]{2}(?:-[A-Z]{2})*)$", name)
    if kind == Area.Kind.METRO and suffix:
        return suffix[1].split("-")
    return [own] if own else []
