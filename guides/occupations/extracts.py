"""Reading the committed extracts (gzipped CSV made by scripts/extract_occupation_data.py), checking
every value on the way: any problem is a SourceError naming the file, its source sheet and the row.

A folder of extracts carries SHA256SUMS; a file whose bytes differ from it (cut short, edited by
hand) is refused before anything is read.
"""

import csv
import gzip
import hashlib
import re
import zlib
from decimal import Decimal, InvalidOperation
from pathlib import Path

from guides.wages.sources import SourceError, sha256

FOLDER = Path(__file__).resolve().parent / "data"
CHECKSUMS = "SHA256SUMS"
ONET_CODE = re.compile(r"\d{2}-\d{4}\.\d{2}")
SOC_CODE = re.compile(r"\d{2}-\d{4}")


def write_checksums(folder):
    """SHA256SUMS for every extract in `folder` (the extraction script's last step)."""
    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n"
        for path in sorted(Path(folder).iterdir())
        if path.name != CHECKSUMS and path.is_file()
    ]
    (Path(folder) / CHECKSUMS).write_text("".join(lines))


def checksums(folder, names):
    """{name: sha256} of the extracts `names`, each checked against the folder's SHA256SUMS."""
    folder = Path(folder)
    listed = {}
    try:
        for line in (folder / CHECKSUMS).read_text().splitlines():
            digest, _, name = line.partition("  ")
            listed[name] = digest
    except OSError as error:
        raise SourceError(f"{folder / CHECKSUMS}: unreadable ({error.strerror}).") from None
    found = {}
    for name in names:
        path = folder / name
        if not path.is_file():
            raise SourceError(f"{path}: missing.")
        found[name] = sha256(path)
        if listed.get(name) != found[name]:
            raise SourceError(
                f"{path}: its SHA-256 differs from {CHECKSUMS} (damaged or cut short); "
                "make the extracts again with scripts/extract_occupation_data.py."
            )
    return found


class Extract:
    """One extract: rows as dicts by the source sheet's column names, with where each came from."""

    def __init__(self, folder, name, sheet, columns):
        self.path = Path(folder) / name
        self.sheet = sheet
        self.columns = columns

    def where(self, row):
        return f"{self.path.name} (sheet {self.sheet!r}), row {row}"

    def fail(self, row, message):
        raise SourceError(f"{self.where(row)}: {message}")

    def rows(self):
        """(row number, {column: text}); the header is row 1."""
        number = 1
        try:
            with gzip.open(self.path, "rt", encoding="utf-8", newline="") as file:
                reader = csv.reader(file)
                header = next(reader, [])
                if missing := [name for name in self.columns if name not in header]:
                    self.fail(1, f"no column {missing[0]!r}.")
                for number, values in enumerate(reader, start=2):
                    if len(values) != len(header):
                        self.fail(number, f"{len(values)} columns, the header has {len(header)}.")
                    yield number, dict(zip(header, values, strict=True))
        except (OSError, EOFError, zlib.error, UnicodeDecodeError, csv.Error) as error:
            raise SourceError(f"{self.where(number + 1)}: unreadable ({error}).") from None

    def decimal(self, number, row, column, missing=()):
        """The value as a Decimal; None when it is one of the `missing` marks."""
        text = row[column]
        if text in missing:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.fail(number, f"{column} {text!r} is not a number.")
        return value

    def integer(self, number, row, column):
        if not row[column].isdigit():
            self.fail(number, f"{column} {row[column]!r} is not a whole number.")
        return int(row[column])

    def flag(self, number, row, column):
        if row[column] not in ("Y", "N"):
            self.fail(number, f"{column} {row[column]!r} is not Y or N.")
        return row[column] == "Y"

    def code(self, number, row, column, pattern=ONET_CODE):
        if not pattern.fullmatch(row[column]):
            self.fail(
                number, f"{column} {row[column]!r} is not a code of the form {pattern.pattern}."
            )
        return row[column]
