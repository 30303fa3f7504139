"""What search precomputes beyond the guide row's own search columns (guides.search)."""

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
