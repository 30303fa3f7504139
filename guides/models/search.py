"""What search (guides.search) and occupation pages precompute from the guides, beyond the guide
row's own search columns: derived data that no editor edits, so no section of a guide."""

from django.contrib.postgres.indexes import GinIndex
from django.db import models


class SearchWord(models.Model):
    """A word of the guides' names (titles and alternative titles) and how many guides' names use
    it: the words search corrects a misspelt query word to, through the trigram index.

    The database keeps these counts itself: triggers on guides_guide (migration 0011) count every
    insert, update and delete of a guide, whichever code path writes it."""

    word = models.TextField(primary_key=True)
    guides = models.IntegerField(help_text="How many guides' names use the word.")

    class Meta:
        ordering = ["word"]
        indexes = [
            GinIndex(fields=["word"], name="searchword_word_trgm", opclasses=["gin_trgm_ops"])
        ]

    def __str__(self):
        return self.word


class GuideCode(models.Model):
    """One SOC code of a published guide, with the guide's title: what an occupation page reads to
    find the guides nearest to it in the SOC hierarchy. The guide rows are wide (the Markdown, the
    search data): at 10,000 guides, finding the 2,000 of one major group read 1,400 blocks of them
    (8 ms of the page); these rows fit in a few.

    Derived, never edited: guides.indexing rewrites a guide's rows whenever it indexes the guide
    (its hook runs after every save, a change of status or title included), from what
    Guide.objects.published() shows at that moment. Deleting a guide deletes its rows."""

    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="soc_codes")
    code = models.CharField(max_length=7)  # 11-9111: the SOC part of an O*NET-SOC code
    title = models.CharField(max_length=120)  # the guide's, to order the nearest by name

    class Meta:
        # As the admin lists it among what deleting a published guide deletes.
        verbose_name = "SOC code on occupation pages"
        verbose_name_plural = "SOC codes on occupation pages"
        constraints = [
            models.UniqueConstraint(fields=["guide", "code"], name="guidecode_guide_code_unique")
        ]
        indexes = [
            # code LIKE '11-%' (a major group) as a range, and the rest read from the index.
            models.Index(
                fields=["code"],
                name="guidecode_code_idx",
                opclasses=["varchar_pattern_ops"],
                include=["title", "guide"],
            )
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"
