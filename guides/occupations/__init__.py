"""Occupation data: BLS Employment Projections (EP 2024–34) and the O*NET database (O*NET 29.3).

MODELS (guides/occupations/models/), written only by `manage.py import_occupations`:

- `Release`: one row per imported release of a dataset (`dataset` "ep" or "onet"; `name` "EP 2024–34",
  "O*NET 29.3"), kept side by side like the wage releases; `Release.objects.current(dataset)`.
- `Projection` (EP Tables 1.2 + 1.10), one per SOC code incl. summary rows (`kind`): employment in
  thousands (`employment` 2024, `employment_projected` 2034), `change`, `change_percent`, `openings`
  a year (thousands) split into `exits` + `transfers` + `growth_openings`, `median_wage` (or
  `median_wage_note` as printed: ">=$239,200", "—"), `education`, `experience`, `training` ("" for
  summaries). The all-occupation average growth is the `ALL_OCCUPATIONS` ("00-0000") row. EP codes
  a few occupations as aggregates (13-1020...): no row for their OEWS codes, say so on the page.
- `OnetOccupation`, one per O*NET-SOC code (`code` "47-2111.00", `soc` "47-2111"; `.01`... are
  specialties): `title`, `description`, `job_zone` (FK to `JobZone`, the reference's plain words:
  `name`, `short_name`, `experience`, `education`, `training`, `examples`), RIASEC scores
  (`realistic`... 1-7, `interests` as a list, `interest_code` "RC" from the high points).
  Its details, each a FK `occupation` with a related name, in O*NET's order:
  `tasks` (Task: `text`, `kind` Core/Supplemental/""), `ratings` (Rating: `domain` skill/knowledge,
  `name`, `importance` 1-5, `level` 0-7; ordered by importance), `technologies` (`example`,
  `commodity_title`, `hot`, `in_demand`), `alternate_titles` (`title`, `short_title` "RN"),
  `related` (RelatedOccupation: `rank`, `code`, `soc`, `title`, `tier`; several specialties can map
  to one SOC, and an occupation's own specialties appear: dedupe by `soc` when showing SOC pages),
  `education_shares` (EducationShare: `level` FK to `EducationLevel` 1-12 with `name`, `percent`).

Lookups by SOC code, one statement each (the current release as a subquery, then a unique index):
    Projection.objects.current().get(soc="47-2111")
    OnetOccupation.objects.current().select_related("job_zone").get(code="47-2111.00")
then prefetch_related("tasks", "ratings", ...) for its details. Missing data is a missing row, never
a zero: 832 EP codes, 1,016 O*NET occupations, of which some ("All Other") have no details.

Extracts: guides/occupations/data/ (gzipped CSV of the columns used, SHA256SUMS), made from the
published workbooks by scripts/extract_occupation_data.py; see README.md, "Occupation data".
"""
