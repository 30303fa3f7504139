"""BLS Employment Projections, Tables 1.2 and 1.10: one Projection per occupation code."""

import re

from ..extracts import SOC_CODE, Extract
from ..models import Projection, Release
from .writing import copy_rows

TABLE_2 = "ep-table-1.2.csv.gz"
TABLE_10 = "ep-table-1.10.csv.gz"
FILES = [TABLE_2, TABLE_10]
CODE = "2024 National Employment Matrix code"
NOT_AVAILABLE = "—"  # BLS's mark for "no data" in a text column
# Column name -> Projection field; the years in the names are checked against the release's.
NUMBERS_2 = {
    "Employment, {start}": "employment",
    "Employment, {end}": "employment_projected",
    "Employment change, numeric, {start}–{end2}": "change",
    "Employment change, percent, {start}–{end2}": "change_percent",
    "Percent self employed, {start}": "self_employed_percent",
    "Occupational openings, {start}–{end2} annual average": "openings",
}
TEXTS_2 = {
    "Typical education needed for entry": "education",
    "Work experience in a related occupation": "experience",
    "Typical on-the-job training needed to attain competency in the occupation": "training",
}
NUMBERS_10 = {
    "Labor force exit rate, {start}–{end2} annual average": "exit_rate",
    "Occupational transfer rate, {start}–{end2} annual average": "transfer_rate",
    "Labor force exits, {start}–{end2} annual average": "exits",
    "Occupational transfers, {start}–{end2} annual average": "transfers",
}
# Checked to agree between the two tables: they are two views of the same projection.
SHARED_10 = {
    "Employment, {start}": "employment",
    "Occupational openings, {start}–{end2} annual average": "openings",
}
OPTIONAL = {"self_employed_percent"}  # "—" for 219 rows
WAGE = "Median annual wage, dollars, {start}[1]"


class Projections:
    """The two tables of one EP release in a folder of extracts."""

    dataset = Release.Dataset.PROJECTIONS
    files = FILES

    def __init__(self, folder):
        self.folder = folder
        self.start, self.end = self._years()
        self.code = f"{self.start}-{str(self.end)[2:]}"
        self.name = f"EP {self.start}–{str(self.end)[2:]}"

    def _years(self):
        """The base and projected years, from Table 1.2's column names ("Employment, 2024")."""
        extract = Extract(self.folder, TABLE_2, "Table 1.2", [CODE])
        for _number, row in extract.rows():
            years = sorted(
                int(m[1]) for m in map(re.compile(r"Employment, (\d{4})$").match, row) if m
            )
            if len(years) == 2:
                return years
            break
        extract.fail(1, "no columns 'Employment, <year>' for the base and projected years.")

    def _columns(self, names):
        values = {"start": self.start, "end": self.end, "end2": str(self.end)[2:]}
        return {name.format(**values): field for name, field in names.items()}

    def release_fields(self):
        return {"year": self.start, "end_year": self.end}

    def store(self, release, say):
        """Write the release's projections; return how many."""
        numbers_2 = self._columns(NUMBERS_2)
        wage = WAGE.format(start=self.start)
        extract = Extract(self.folder, TABLE_2, "Table 1.2", [CODE, *numbers_2, *TEXTS_2, wage])
        rows = {}
        for number, row in extract.rows():
            soc = extract.code(number, row, CODE, SOC_CODE)
            if soc in rows:
                extract.fail(number, f"{soc} appears twice.")
            kind = row["Occupation type"]
            if kind not in Projection.Kind.values:
                extract.fail(
                    number, f"occupation type {kind!r} is not one of {Projection.Kind.values}."
                )
            fields = {
                "soc": soc,
                "title": row["2024 National Employment Matrix title"].strip(),
                "kind": kind,
            }
            for column, field in numbers_2.items():
                missing = [NOT_AVAILABLE] if field in OPTIONAL else []
                fields[field] = extract.decimal(number, row, column, missing)
            for column, field in TEXTS_2.items():
                fields[field] = "" if row[column] == NOT_AVAILABLE else row[column]
            median = row[wage]
            fields["median_wage"] = int(median) if median.isdigit() else None
            fields["median_wage_note"] = "" if median.isdigit() else median
            rows[soc] = fields
        self._add_table_10(rows)
        fields = ["release_id", *next(iter(rows.values()))]
        copy_rows(Projection, fields, ([release.pk, *row.values()] for row in rows.values()))
        say(f"{self.name}: {len(rows):,} occupations and groups.")
        return len(rows)

    def _add_table_10(self, rows):
        numbers, shared = self._columns(NUMBERS_10), self._columns(SHARED_10)
        extract = Extract(self.folder, TABLE_10, "Table 1.10", [CODE, *numbers, *shared])
        seen, number = set(), 1
        for number, row in extract.rows():
            soc = extract.code(number, row, CODE, SOC_CODE)
            if soc not in rows or soc in seen:
                extract.fail(number, f"{soc} is not once in Table 1.2.")
            seen.add(soc)
            for column, field in shared.items():
                if extract.decimal(number, row, column) != rows[soc][field]:
                    extract.fail(number, f"{column} differs from Table 1.2's.")
            for column, field in numbers.items():
                rows[soc][field] = extract.decimal(number, row, column)
        if missing := sorted(set(rows) - seen):
            extract.fail(number + 1, f"no row for {missing[0]} (the file may be cut short).")
