"""What search knows of each occupation page: derived from the imported data, never edited."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class OccupationEntry(models.Model):
    """One detailed occupation of the current OEWS release (the site's occupation pages), with
    its names and O*NET's words for it. Rebuilt whole by guides.finding.index.rebuild() after
    every import of wages or O*NET, so it always describes the releases the pages show."""

    occupation = models.OneToOneField(
        "wages.Occupation",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_entry",
    )
    # Weighted words: A the occupation's names (OEWS and O*NET titles), B O*NET's alternate
    # titles and their short forms ("RN", "CPA"), C O*NET's description.
    vector = SearchVectorField()
    # Every name, lowercased with punctuation as single spaces, for exact-name matches.
    exact_names = ArrayField(models.TextField(), default=list)

    class Meta:
        indexes = [
            GinIndex(fields=["vector"], name="finding_entry_vector"),
            GinIndex(fields=["exact_names"], name="finding_entry_exact_names"),
        ]

    def __str__(self):
        return str(self.occupation_id)
