"""The O*NET database: occupations (O*NET-SOC codes) and what O*NET says about each.

An O*NET-SOC code is the 2018 SOC code plus a two-digit suffix: `29-1141.00` is the SOC occupation
itself, `.01`-`.04` its specialties. Every O*NET occupation is stored, each with its SOC code.
"""

from django.db import models

from .releases import CurrentQuerySet, Release

RIASEC = ["realistic", "investigative", "artistic", "social", "enterprising", "conventional"]


class JobZone(models.Model):
    """O*NET's five levels of preparation, in the Job Zone Reference's own plain words."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="job_zones")
    zone = models.PositiveSmallIntegerField()  # 1-5
    name = models.CharField(max_length=100)  # "Job Zone Three: Medium Preparation Needed"
    experience = models.TextField()
    education = models.TextField()
    training = models.TextField()
    examples = models.TextField()
    svp_range = models.CharField(max_length=40)

    class Meta:
        ordering = ["zone"]
        constraints = [
            models.UniqueConstraint(fields=["release", "zone"], name="occupations_jobzone_unique")
        ]

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        """ "Medium Preparation Needed"."""
        return self.name.partition(": ")[2] or self.name


class EducationLevel(models.Model):
    """One of the 12 categories of O*NET's Required Level of Education scale (RL)."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="education_levels")
    category = models.PositiveSmallIntegerField()  # 1 (less than high school) - 12 (post-doctoral)
    name = models.CharField(max_length=100)  # "Post-Secondary Certificate"
    description = models.TextField()  # the full category text

    class Meta:
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "category"], name="occupations_education_level_unique"
            )
        ]

    def __str__(self):
        return self.name


def _score():
    return models.DecimalField(max_digits=4, decimal_places=2, null=True)


class OnetOccupation(models.Model):
    DATASET = Release.Dataset.ONET

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="occupations")
    code = models.CharField("O*NET-SOC code", max_length=10)  # "47-2111.00"
    soc = models.CharField("SOC code", max_length=7)  # "47-2111"
    title = models.CharField(max_length=200)
    description = models.TextField()
    job_zone = models.ForeignKey(JobZone, on_delete=models.CASCADE, null=True, related_name="+")
    # Interests: RIASEC scores, 1 (low) - 7 (high); `interest_code` the high points in order
    # ("RC": Realistic, then Conventional). NULL and "" where O*NET has no interest profile.
    realistic = _score()
    investigative = _score()
    artistic = _score()
    social = _score()
    enterprising = _score()
    conventional = _score()
    interest_code = models.CharField(max_length=3, blank=True)

    objects = CurrentQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["release", "code"], name="occupations_onet_code")
        ]
        indexes = [models.Index(fields=["release", "soc"], name="occupations_onet_soc")]

    def __str__(self):
        return f"{self.title} ({self.code})"

    @property
    def interests(self):
        """[(name, score)] in RIASEC order, or [] without an interest profile."""
        if self.realistic is None:
            return []
        return [(name.capitalize(), getattr(self, name)) for name in RIASEC]


class Task(models.Model):
    class Kind(models.TextChoices):
        CORE = "Core"
        SUPPLEMENTAL = "Supplemental"
        UNRATED = "", "Not rated"  # O*NET gives no type for some tasks

    occupation = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="tasks")
    task_id = models.PositiveIntegerField()
    text = models.TextField()
    kind = models.CharField(max_length=12, choices=Kind, blank=True)
    position = models.PositiveIntegerField(help_text="Order in O*NET's file.")

    class Meta:
        ordering = ["occupation_id", "position"]

    def __str__(self):
        return self.text


class Rating(models.Model):
    """A skill or knowledge area: its importance (IM, 1-5) and level (LV, 0-7) for the job."""

    class Domain(models.TextChoices):
        SKILL = "skill"
        KNOWLEDGE = "knowledge"

    occupation = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="ratings")
    domain = models.CharField(max_length=9, choices=Domain)
    element_id = models.CharField(max_length=20)  # "2.A.1.a"
    name = models.CharField(max_length=100)  # "Reading Comprehension"
    importance = models.DecimalField(max_digits=3, decimal_places=2)
    level = models.DecimalField(max_digits=3, decimal_places=2)
    level_relevant = models.BooleanField(
        default=True, help_text="False: O*NET marks it not relevant."
    )

    class Meta:
        ordering = ["occupation_id", "domain", "-importance", "name"]

    def __str__(self):
        return self.name


class Technology(models.Model):
    occupation = models.ForeignKey(
        OnetOccupation, on_delete=models.CASCADE, related_name="technologies"
    )
    example = models.CharField(max_length=200)  # "Microsoft Excel"
    commodity_code = models.PositiveIntegerField()
    commodity_title = models.CharField(max_length=200)  # "Spreadsheet software"
    hot = models.BooleanField(help_text="A Hot Technology: often named in job postings.")
    in_demand = models.BooleanField(help_text="In demand in this occupation's job postings.")

    class Meta:
        ordering = ["occupation_id", "-hot", "commodity_title", "example"]
        verbose_name_plural = "technologies"

    def __str__(self):
        return self.example


class AlternateTitle(models.Model):
    occupation = models.ForeignKey(
        OnetOccupation, on_delete=models.CASCADE, related_name="alternate_titles"
    )
    title = models.CharField(max_length=250)  # "Registered Nurse"
    short_title = models.CharField(max_length=100, blank=True)  # "RN"

    class Meta:
        ordering = ["occupation_id", "title"]

    def __str__(self):
        return self.title


class RelatedOccupation(models.Model):
    """O*NET's ranked list of similar occupations, each with its SOC code."""

    occupation = models.ForeignKey(OnetOccupation, on_delete=models.CASCADE, related_name="related")
    code = models.CharField("related O*NET-SOC code", max_length=10)
    soc = models.CharField("related SOC code", max_length=7)
    title = models.CharField(max_length=200)
    tier = models.CharField(max_length=20)  # "Primary-Short", "Primary-Long", "Supplemental"
    rank = models.PositiveSmallIntegerField()  # O*NET's index, 1 = most related

    class Meta:
        ordering = ["occupation_id", "rank"]

    def __str__(self):
        return f"{self.title} ({self.code})"


class EducationShare(models.Model):
    """The percentage of workers whose job requires this level of education (O*NET's RL scale)."""

    occupation = models.ForeignKey(
        OnetOccupation, on_delete=models.CASCADE, related_name="education_shares"
    )
    level = models.ForeignKey(EducationLevel, on_delete=models.CASCADE, related_name="+")
    percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["occupation_id", "level_id"]  # levels are stored in category order

    def __str__(self):
        return f"{self.level}: {self.percent}%"
