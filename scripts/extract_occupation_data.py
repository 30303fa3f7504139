"""Make the compact extracts that `manage.py import_occupations` reads, from the published workbooks.

    .venv/bin/python scripts/extract_occupation_data.py EP_WORKBOOK ONET_FOLDER [OUT_FOLDER]

EP_WORKBOOK is BLS's Employment Projections `occupation.xlsx`; ONET_FOLDER holds the O*NET database
in Excel format; OUT_FOLDER defaults to guides/occupations/data/. Each extract is one sheet's rows,
only the columns the site uses, under the sheet's own column names, as gzipped CSV (written with a
fixed timestamp, so the same workbook always gives the same bytes). SHA256SUMS lists the extracts; the O*NET
Read Me (which names its version) is copied beside them.
Needs openpyxl (a dev dependency).
"""

import csv
import gzip
import io
import os
import shutil
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "guides" / "occupations" / "data"
CODE, TITLE = "O*NET-SOC Code", "Title"
EP_CODE = "2024 National Employment Matrix code"

# extract name -> (workbook, sheet or None for the first, columns kept, row filter or None)
EP = {
    "ep-table-1.2": (
        "Table 1.2",
        [
            "2024 National Employment Matrix title",
            EP_CODE,
            "Occupation type",
            "Employment, 2024",
            "Employment, 2034",
            "Employment change, numeric, 2024–34",
            "Employment change, percent, 2024–34",
            "Percent self employed, 2024",
            "Occupational openings, 2024–34 annual average",
            "Median annual wage, dollars, 2024[1]",
            "Typical education needed for entry",
            "Work experience in a related occupation",
            "Typical on-the-job training needed to attain competency in the occupation",
        ],
    ),
    "ep-table-1.10": (
        "Table 1.10",
        [
            EP_CODE,
            "Employment, 2024",
            "Labor force exit rate, 2024–34 annual average",
            "Occupational transfer rate, 2024–34 annual average",
            "Labor force exits, 2024–34 annual average",
            "Occupational transfers, 2024–34 annual average",
            "Occupational openings, 2024–34 annual average",
        ],
    ),
}
RL = ("Scale ID", "RL")  # the education rows: share of workers at each Required Level
ONET = {
    "onet-occupation-data": ("Occupation Data", [CODE, TITLE, "Description"], None),
    "onet-task-statements": ("Task Statements", [CODE, "Task ID", "Task", "Task Type"], None),
    "onet-skills": (
        "Skills",
        [CODE, "Element ID", "Element Name", "Scale ID", "Data Value", "Not Relevant"],
        None,
    ),
    "onet-knowledge": (
        "Knowledge",
        [CODE, "Element ID", "Element Name", "Scale ID", "Data Value", "Not Relevant"],
        None,
    ),
    "onet-technology-skills": (
        "Technology Skills",
        [CODE, "Example", "Commodity Code", "Commodity Title", "Hot Technology", "In Demand"],
        None,
    ),
    "onet-job-zones": ("Job Zones", [CODE, "Job Zone"], None),
    "onet-job-zone-reference": (
        "Job Zone Reference",
        ["Job Zone", "Name", "Experience", "Education", "Job Training", "Examples", "SVP Range"],
        None,
    ),
    "onet-education": (
        "Education, Training, and Experience",
        [CODE, "Scale ID", "Category", "Data Value"],
        RL,
    ),
    "onet-education-categories": (
        "Education, Training, and Experience Categories",
        ["Scale ID", "Category", "Category Description"],
        RL,
    ),
    "onet-alternate-titles": ("Alternate Titles", [CODE, "Alternate Title", "Short Title"], None),
    "onet-related-occupations": (
        "Related Occupations",
        [CODE, "Related O*NET-SOC Code", "Related Title", "Relatedness Tier", "Index"],
        None,
    ),
    "onet-interests": ("Interests", [CODE, "Element Name", "Scale ID", "Data Value"], None),
}


def text(value):
    """A cell as the CSV holds it: numbers as Excel stored them (no float noise), None as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_rows(sheet, columns, keep=None, header_before=None):
    """The sheet's rows under `columns`, found by name in its header row (the first row, or for a
    BLS table the first row holding `header_before`)."""
    rows = sheet.iter_rows(values_only=True)
    for header in rows:
        if header_before is None or header_before in header:
            break
    positions = [header.index(name) for name in columns]
    for row in rows:
        if header_before and not row[header.index(EP_CODE)]:
            continue  # the footnotes under a BLS table have no code
        if keep and row[header.index(keep[0])] != keep[1]:
            continue
        yield [text(row[position]) for position in positions]


def write(path, columns, rows):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as packed:
        packed.write(buffer.getvalue().encode("utf-8"))


def main(ep_workbook, onet_folder, out=OUT):
    out.mkdir(parents=True, exist_ok=True)
    workbook = openpyxl.load_workbook(ep_workbook, read_only=True)
    for name, (sheet, columns) in EP.items():
        write(out / f"{name}.csv.gz", columns, sheet_rows(workbook[sheet], columns, None, EP_CODE))
    for name, (book, columns, keep) in ONET.items():
        sheet = openpyxl.load_workbook(Path(onet_folder) / f"{book}.xlsx", read_only=True).active
        write(out / f"{name}.csv.gz", columns, sheet_rows(sheet, columns, keep))
    shutil.copyfile(Path(onet_folder) / "Read Me.txt", out / "onet-read-me.txt")  # its version
    write_checksums(out)
    for path in sorted(out.glob("*.csv.gz")):
        print(f"{path.stat().st_size:>9,}  {path.name}")


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings.base")
    django.setup()
    from guides.occupations.extracts import write_checksums

    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(*sys.argv[1:3], *(Path(arg) for arg in sys.argv[3:]))
