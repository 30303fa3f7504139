"""The O*NET details of one occupation (tasks, ratings, technology, other titles, related
occupations, education), read as plain rows rather than model instances: an occupation page shows
up to 600 of them (15-1252 has 426 technologies and 135 other titles), which took 2.5 times as
long to build as models."""

from collections import namedtuple
from dataclasses import dataclass, field

from .models import AlternateTitle, EducationShare, Rating, RelatedOccupation, Task, Technology

TaskRow = namedtuple("TaskRow", "text kind")
TechnologyRow = namedtuple("TechnologyRow", "example commodity_title hot")
EducationRow = namedtuple("EducationRow", "name percent")


class RatingRow(namedtuple("RatingRow", "domain name importance")):
    __slots__ = ()

    @property
    def importance_percent(self):
        """Its bar's length: importance is rated from 1 to 5."""
        return round(self.importance / 5 * 100)


@dataclass
class Details:
    """The O*NET details of one occupation, in O*NET's order (the models' Meta.ordering)."""

    tasks: list = field(default_factory=list)
    ratings: list = field(default_factory=list)  # most important first within each domain
    technologies: list = field(default_factory=list)  # hot technologies first
    alternate_titles: list = field(default_factory=list)  # of str
    related: list = field(default_factory=list)  # SOC codes, most related first
    education: list = field(default_factory=list)  # in category order, least education first

    @classmethod
    def of(cls, occupation):
        """One query per kind of detail."""

        def rows(model, *fields, flat=False):
            queryset = model.objects.filter(occupation=occupation)
            return list(queryset.values_list(*fields, flat=flat))

        return cls(
            tasks=[TaskRow(*row) for row in rows(Task, "text", "kind")],
            ratings=[RatingRow(*row) for row in rows(Rating, "domain", "name", "importance")],
            technologies=[
                TechnologyRow(*row) for row in rows(Technology, "example", "commodity_title", "hot")
            ],
            alternate_titles=rows(AlternateTitle, "title", flat=True),
            related=rows(RelatedOccupation, "soc", flat=True),
            education=[
                EducationRow(*row) for row in rows(EducationShare, "level__name", "percent")
            ],
        )
