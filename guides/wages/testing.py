"""Small OEWS releases written in both input layouts, for tests.

One description (`sample_release`) is written either as an SQLite file shaped like the bundled one
or as a folder of BLS's tab-separated files, so a test can check both give the same rows.
"""

import sqlite3

from .models import DATATYPE_FIELDS

DATATYPES = list(DATATYPE_FIELDS)
# The sample is "the next release", so it never collides with the bundled May 2025.
SAMPLE_YEAR = "2026"
FOOTNOTES = {
    "4": "Wages for some occupations that do not generally work year-round, full time, are "
    "reported either as hourly wages or annual salaries depending on how they are typically paid.",
    "5": "This wage is equal to or greater than $115.00 per hour or $239,200 per year.",
    "8": "Estimate not released.",
}
AREAS = [
    ("0000000", "N", "00", "National"),
    ("0600000", "S", "06", "California"),
    ("3300000", "S", "33", "New Hampshire"),
    ("0041940", "M", "06", "San Jose-Sunnyvale-Santa Clara, CA"),
    ("0014460", "M", "25", "Boston-Cambridge-Newton, MA-NH"),
]
OCCUPATIONS = [
    ("000000", "All Occupations", 0),
    ("110000", "Management Occupations", 0),
    ("119000", "Other Management Occupations", 1),
    ("119111", "Medical and Health Services Managers", 3),
    ("270000", "Arts, Design, Entertainment, Sports, and Media Occupations", 0),
    ("272000", "Entertainers and Performers, Sports and Related Workers", 1),
    ("272010", "Actors, Producers, and Directors", 2),
    ("272011", "Actors", 3),
]

INDUSTRIES = [
    ("000000", "Cross-industry", 0),
    ("62--63", "Sector 62 - Health Care and Social Assistance", 2),
    ("622000", "Hospitals", 3),
]


def _full(employment, hourly, annual, quotient):
    """17 values: employment, its RSE, means, wage RSE, five hourly and five annual percentiles."""
    return [
        employment,
        "1.0",
        hourly[2],
        annual[2],
        "0.5",
        *hourly,
        *annual,
        None if quotient is None else "4.100",
        quotient,
    ]


HOURLY = ["35.29", "45.53", "59.55", "79.85", "107.86"]
ANNUAL = ["73390", "94700", "123860", "166100", "224340"]


def sample_cells():
    """(area type, area, occupation) -> (values, footnotes): the sample release's estimates."""
    cells = {}
    blank = [None] * 17
    for occupation in ("000000", "110000", "119000", "119111", "270000", "272000", "272010"):
        cells[("N", "0000000", occupation)] = (_full("597080", HOURLY, ANNUAL, None), blank)
    # Actors: hourly only (footnote 4), the annual figures not published.
    actors = _full("55000", ["16.50", "20.34", "29.05", "97.95", "143.68"], ["-"] * 5, None)
    actors[3] = "-"
    actor_notes = [None] * 3 + ["4"] + [None] * 6 + ["4"] * 5 + [None] * 2
    cells[("N", "0000000", "272011")] = (actors, actor_notes)
    california = _full("75090", HOURLY, ["72800", "98470", "141480", "205390", "274660"], "1.07")
    # The 90th percentile is top-coded (footnote 5).
    california[9], california[14] = "-", "-"
    california_notes = [None] * 9 + ["5"] + [None] * 4 + ["5", None, None]
    cells[("S", "0600000", "119111")] = (california, california_notes)
    # Not released in New Hampshire (footnote 8).
    cells[("S", "3300000", "119111")] = (["-"] * 17, ["8"] * 17)
    cells[("M", "0041940", "119111")] = (_full("2500", HOURLY, ANNUAL, "1.20"), blank)
    cells[("M", "0014460", "119111")] = (_full("21000", HOURLY, ANNUAL, "1.30"), blank)
    return cells


def industry_cells():
    """(area type, area, occupation, industry) -> (values, footnotes): estimates by industry, the
    nation's (imported) and one state's (skipped: the site shows industries nationally)."""
    blank = [None] * 17
    hospitals = _full("180000", HOURLY, ["80000", "100000", "130000", "170000", "230000"], None)
    sector = _full("400000", HOURLY, ANNUAL, None)
    return {
        ("N", "0000000", "119111", "622000"): (hospitals, blank),
        ("N", "0000000", "119111", "62--63"): (sector, blank),
        ("S", "0600000", "119111", "622000"): (["1"] * 17, blank),
    }


def cell_key(kind, area, occupation, industry="000000"):
    return f"OEU{kind}{area}{industry}{occupation}"


def _all_cells(cells):
    """The sample's cells, cross-industry and by industry, by their full key."""
    cells = sample_cells() if cells is None else cells
    by_key = {cell_key(*key): cell for key, cell in cells.items()}
    by_key.update({cell_key(*key): cell for key, cell in industry_cells().items()})
    return by_key


def write_sqlite(path, cells=None, year=SAMPLE_YEAR):
    """An SQLite file with the bundled file's tables, holding the sample release."""
    db = sqlite3.connect(path)
    columns = ", ".join([f"v{d} TEXT" for d in DATATYPES] + [f"f{d} TEXT" for d in DATATYPES])
    db.executescript(
        f"""
        CREATE TABLE cell (key TEXT PRIMARY KEY, {columns});
        CREATE TABLE area (area_code TEXT PRIMARY KEY, areatype_code TEXT, state_code TEXT,
                           area_name TEXT);
        CREATE TABLE occupation (occupation_code TEXT PRIMARY KEY, occupation_name TEXT,
                                 display_level INTEGER);
        CREATE TABLE industry (industry_code TEXT PRIMARY KEY, industry_name TEXT,
                               display_level INTEGER);
        CREATE TABLE footnote (footnote_code TEXT PRIMARY KEY, footnote_text TEXT);
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT);
        """
    )
    db.executemany("INSERT INTO area VALUES (?, ?, ?, ?)", AREAS)
    db.executemany("INSERT INTO occupation VALUES (?, ?, ?)", OCCUPATIONS)
    db.executemany("INSERT INTO industry VALUES (?, ?, ?)", INDUSTRIES)
    db.executemany("INSERT INTO footnote VALUES (?, ?)", FOOTNOTES.items())
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("release", f"May {year}"), ("release_code", f"{year}A01"), ("data_year", year)],
    )
    rows = [(key, *values, *notes) for key, (values, notes) in _all_cells(cells).items()]
    db.executemany(f"INSERT INTO cell VALUES ({', '.join(['?'] * 35)})", rows)
    db.commit()
    db.close()
    return path


def flat_data_lines(cells=None, year=SAMPLE_YEAR):
    """The lines of oe.data.0.Current for the sample release, BLS's padding included."""
    lines = ["series_id                     \tyear\tperiod\t       value\tfootnote_codes"]
    for key, (values, notes) in sorted(_all_cells(cells).items()):
        for position, datatype in enumerate(DATATYPES):
            if values[position] is None:
                continue
            series = f"{key}{datatype}"
            note = notes[position] or ""
            lines.append(f"{series:30}\t{year}\tA01\t{values[position]:>12}\t{note}")
    return lines


def write_flat_files(folder, lines=None):
    """A folder of BLS time-series files holding the sample release (or the given data lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "oe.area": ["state_code\tarea_code\tareatype_code\tarea_name"]
        + [f"{fips}\t{code}\t{kind}\t{name}" for code, kind, fips, name in AREAS],
        "oe.occupation": [
            "occupation_code\toccupation_name\tdisplay_level\tselectable\tsort_sequence"
        ]
        + [f"{code}\t{name}\t{level}\tT\t{n}" for n, (code, name, level) in enumerate(OCCUPATIONS)],
        "oe.industry": [
            "industry_code\tindustry_name\tdisplay_level\tselectable\tsort_sequence",
        ]
        + [f"{code}\t{name}\t{level}\tT\t{n}" for n, (code, name, level) in enumerate(INDUSTRIES)],
        "oe.datatype": ["datatype_code\tdatatype_name"] + [f"{d}\tDatatype {d}" for d in DATATYPES],
        "oe.footnote": ["footnote_code\tfootnote_text"]
        + [f"{code}\t{text}" for code, text in FOOTNOTES.items()],
        "oe.release": ["release_date\tdescription", f"2027-05-14\tMay {SAMPLE_YEAR}"],
        "oe.data.0.Current": flat_data_lines() if lines is None else lines,
    }
    for name, rows in tables.items():
        (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def write_subset(real, path, occupations):
    """An SQLite file with the real release's cross-industry estimates for a few occupations
    (6-digit codes) and their major groups, and their national estimates by industry: small
    enough to import in every browser test."""
    codes = sorted({"000000", *occupations, *(f"{code[:2]}0000" for code in occupations)})
    marks = ", ".join("?" * len(codes))
    db = sqlite3.connect(path)
    db.execute("ATTACH DATABASE ? AS real", (str(real),))
    db.executescript(
        """
        CREATE TABLE footnote AS SELECT * FROM real.footnote;
        CREATE TABLE meta AS SELECT * FROM real.meta;
        CREATE TABLE industry AS SELECT * FROM real.industry;
        """
    )
    db.execute(
        "CREATE TABLE occupation AS SELECT * FROM real.occupation "
        f"WHERE occupation_code IN ({marks})",
        codes,
    )
    db.execute(
        "CREATE TABLE cell AS SELECT * FROM real.cell "
        "WHERE (substr(key, 12, 6) = '000000' OR substr(key, 4, 1) = 'N') "
        f"AND substr(key, 18, 6) IN ({marks})",
        codes,
    )
    db.execute(
        "CREATE TABLE area AS SELECT * FROM real.area "
        "WHERE area_code IN (SELECT substr(key, 5, 7) FROM cell)"
    )
    db.commit()
    db.close()
    return path
