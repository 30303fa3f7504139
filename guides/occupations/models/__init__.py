from .onet import (
    RIASEC,
    AlternateTitle,
    EducationLevel,
    EducationShare,
    JobZone,
    OnetOccupation,
    Rating,
    RelatedOccupation,
    Task,
    Technology,
)
from .projections import ALL_OCCUPATIONS, Projection
from .releases import Release

__all__ = [
    "ALL_OCCUPATIONS",
    "RIASEC",
    "AlternateTitle",
    "EducationLevel",
    "EducationShare",
    "JobZone",
    "OnetOccupation",
    "Projection",
    "Rating",
    "RelatedOccupation",
    "Release",
    "Task",
    "Technology",
]
