"""The O*NET database: occupations, then everything O*NET says about each, child table by table."""

import re

from ..extracts import Extract
from ..models import (
    RIASEC,
    AlternateTitle,
    EducationLevel,
    EducationShare,
    JobZone,
    OnetOccupation,
    Rating,
    RelatedOccupation,
    Release,
    Task,
    Technology,
)
from .writing import copy_rows

READ_ME = "onet-read-me.txt"
CODE = "O*NET-SOC Code"
HIGH_POINTS = [
    "First Interest High-Point",
    "Second Interest High-Point",
    "Third Interest High-Point",
]
# extract -> the sheet it was made from (for messages)
SHEETS = {
    "onet-occupation-data": "Occupation Data",
    "onet-task-statements": "Task Statements",
    "onet-skills": "Skills",
    "onet-knowledge": "Knowledge",
    "onet-technology-skills": "Technology Skills",
    "onet-job-zones": "Job Zones",
    "onet-job-zone-reference": "Job Zone Reference",
    "onet-education": "Education, Training, and Experience",
    "onet-education-categories": "Education, Training, and Experience Categories",
    "onet-alternate-titles": "Alternate Titles",
    "onet-related-occupations": "Related Occupations",
    "onet-interests": "Interests",
}


class Onet:
    """One O*NET release in a folder of extracts."""

    dataset = Release.Dataset.ONET
    files = [READ_ME, *(f"{name}.csv.gz" for name in SHEETS)]

    def __init__(self, folder):
        self.folder = folder
        text = (folder / READ_ME).read_text(encoding="utf-8", errors="replace")
        version = re.search(r"O\*NET ([\d.]+) Database", text)
        month = re.search(r"(\w+ (\d{4})) Release", text)
        if not version or not month:
            Extract(folder, READ_ME, "Read Me.txt", []).fail(
                1, "no 'O*NET <version> Database' and '<month> <year> Release' lines."
            )
        self.code, self.name = version[1], f"O*NET {version[1]}"
        self.month, self.year = month[1], int(month[2])

    def release_fields(self):
        return {"year": self.year, "month": self.month}

    def extract(self, name, *columns):
        return Extract(self.folder, f"{name}.csv.gz", SHEETS[name], list(columns))

    def store(self, release, say):
        """Write the release's occupations and their details; return {table: rows}."""
        zones = self._job_zones(release)
        levels = self._education_levels(release)
        self.ids = self._occupations(release, self._zone_of(zones), self._interests())
        counts = {"occupations": len(self.ids)}
        for model, fields, rows in [
            (Task, ["task_id", "text", "kind", "position"], self._tasks()),
            (
                Rating,
                ["domain", "element_id", "name", "importance", "level", "level_relevant"],
                self._ratings(),
            ),
            (
                Technology,
                ["example", "commodity_code", "commodity_title", "hot", "in_demand"],
                self._technology(),
            ),
            (AlternateTitle, ["title", "short_title"], self._alternate_titles()),
            (RelatedOccupation, ["code", "soc", "title", "tier", "rank"], self._related()),
            (EducationShare, ["level_id", "percent"], self._education(levels)),
        ]:
            counts[model._meta.verbose_name_plural] = copy_rows(
                model, ["occupation_id", *fields], rows
            )
        say(
            f"{self.name}: "
            + ", ".join(f"{count:,} {name}" for name, count in counts.items())
            + "."
        )
        return counts

    def occupation(self, extract, number, row, column=CODE):
        """The stored id of the row's occupation."""
        code = extract.code(number, row, column)
        if code not in self.ids:
            extract.fail(number, f"{code} is not in Occupation Data.")
        return self.ids[code]

    def _job_zones(self, release):
        columns = [
            "Job Zone",
            "Name",
            "Experience",
            "Education",
            "Job Training",
            "Examples",
            "SVP Range",
        ]
        extract = self.extract("onet-job-zone-reference", *columns)
        zones = [
            JobZone(
                release=release,
                zone=extract.integer(number, row, "Job Zone"),
                name=row["Name"],
                experience=row["Experience"],
                education=row["Education"],
                training=row["Job Training"],
                examples=row["Examples"],
                svp_range=row["SVP Range"],
            )
            for number, row in extract.rows()
        ]
        return {zone.zone: zone.pk for zone in JobZone.objects.bulk_create(zones)}

    def _education_levels(self, release):
        extract = self.extract("onet-education-categories", "Category", "Category Description")
        levels = [
            EducationLevel(
                release=release,
                category=extract.integer(number, row, "Category"),
                # "Bachelor's Degree"; "Post-Secondary Certificate - awarded for ..." is cut short.
                name=re.split(r" - | \(", row["Category Description"])[0],
                description=row["Category Description"],
            )
            for number, row in sorted(
                extract.rows(), key=lambda item: int(item[1]["Category"] or 0)
            )
        ]
        return {level.category: level.pk for level in EducationLevel.objects.bulk_create(levels)}

    def _zone_of(self, zones):
        extract = self.extract("onet-job-zones", CODE, "Job Zone")
        found = {}
        for number, row in extract.rows():
            zone = extract.integer(number, row, "Job Zone")
            if zone not in zones:
                extract.fail(number, f"job zone {zone} is not in the Job Zone Reference.")
            found[extract.code(number, row, CODE)] = zones[zone]
        return found

    def _interests(self):
        extract = self.extract("onet-interests", CODE, "Element Name", "Data Value")
        found = {}
        for number, row in extract.rows():
            fields = found.setdefault(extract.code(number, row, CODE), {"interest_code": ""})
            name, value = row["Element Name"], extract.decimal(number, row, "Data Value")
            if name.lower() in RIASEC:
                fields[name.lower()] = value
            elif name in HIGH_POINTS:
                if value not in range(7):
                    extract.fail(number, f"{name} {value} is not 0-6.")
                fields["interest_code"] += "RIASEC"[int(value) - 1] if value else ""
            else:
                extract.fail(number, f"unknown interest {name!r}.")
        return found

    def _occupations(self, release, zone_of, interests):
        extract = self.extract("onet-occupation-data", CODE, "Title", "Description")
        rows = [
            OnetOccupation(
                release=release,
                code=(code := extract.code(number, row, CODE)),
                soc=code[:7],
                title=row["Title"],
                description=row["Description"],
                job_zone_id=zone_of.get(code),
                **interests.get(code, {}),
            )
            for number, row in extract.rows()
        ]
        return {row.code: row.pk for row in OnetOccupation.objects.bulk_create(rows)}

    def _tasks(self):
        extract = self.extract("onet-task-statements", CODE, "Task ID", "Task", "Task Type")
        for number, row in extract.rows():
            kind = row["Task Type"]
            if kind not in Task.Kind.values:
                extract.fail(number, f"task type {kind!r} is not Core or Supplemental.")
            yield (
                self.occupation(extract, number, row),
                extract.integer(number, row, "Task ID"),
                row["Task"],
                kind,
                number,
            )

    def _ratings(self):
        """One row per element from its two lines, importance (IM) and level (LV)."""
        for domain, name in [
            (Rating.Domain.SKILL, "onet-skills"),
            (Rating.Domain.KNOWLEDGE, "onet-knowledge"),
        ]:
            extract = self.extract(
                name, CODE, "Element ID", "Element Name", "Scale ID", "Data Value", "Not Relevant"
            )
            pending = {}
            for number, row in extract.rows():
                key = (self.occupation(extract, number, row), row["Element ID"])
                value = extract.decimal(number, row, "Data Value")
                rating = pending.setdefault(key, {"row": number, "name": row["Element Name"]})
                if row["Scale ID"] not in ("IM", "LV") or row["Scale ID"] in rating:
                    extract.fail(number, f"scale {row['Scale ID']!r} is not IM or LV, once each.")
                rating[row["Scale ID"]] = value
                if row["Scale ID"] == "LV":
                    rating["relevant"] = row["Not Relevant"] != "Y"
            for (occupation, element), rating in pending.items():
                if "IM" not in rating or "LV" not in rating:
                    extract.fail(rating["row"], f"{element} lacks its importance or its level.")
                yield (
                    occupation,
                    domain,
                    element,
                    rating["name"],
                    rating["IM"],
                    rating["LV"],
                    rating["relevant"],
                )

    def _technology(self):
        extract = self.extract(
            "onet-technology-skills",
            CODE,
            "Example",
            "Commodity Code",
            "Commodity Title",
            "Hot Technology",
            "In Demand",
        )
        for number, row in extract.rows():
            yield (
                self.occupation(extract, number, row),
                row["Example"],
                extract.integer(number, row, "Commodity Code"),
                row["Commodity Title"],
                extract.flag(number, row, "Hot Technology"),
                extract.flag(number, row, "In Demand"),
            )

    def _alternate_titles(self):
        extract = self.extract("onet-alternate-titles", CODE, "Alternate Title", "Short Title")
        for number, row in extract.rows():
            yield self.occupation(extract, number, row), row["Alternate Title"], row["Short Title"]

    def _related(self):
        related = "Related O*NET-SOC Code"
        extract = self.extract(
            "onet-related-occupations", CODE, related, "Related Title", "Relatedness Tier", "Index"
        )
        for number, row in extract.rows():
            code = extract.code(number, row, related)
            yield (
                self.occupation(extract, number, row),
                code,
                code[:7],
                row["Related Title"],
                row["Relatedness Tier"],
                extract.integer(number, row, "Index"),
            )

    def _education(self, levels):
        extract = self.extract("onet-education", CODE, "Category", "Data Value")
        for number, row in extract.rows():
            category = extract.integer(number, row, "Category")
            if category not in levels:
                extract.fail(
                    number, f"education category {category} is not in the Categories file."
                )
            yield (
                self.occupation(extract, number, row),
                levels[category],
                extract.decimal(number, row, "Data Value"),
            )
