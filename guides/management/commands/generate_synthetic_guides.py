"""Synthetic guides for benchmarks only: marked is_synthetic, never exported, never public
(Guide.objects.published() hides them unless settings.SHOW_SYNTHETIC_GUIDES, which only the bench
settings turn on)."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from guides.indexing import index
from guides.models import Category, Guide
from guides.page_cache import GUIDES, bump
from guides.sections import RESPONSIBILITIES, SALARY_BANDS

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Create N synthetic guides (for `make bench`; refuses to run on a database without guides)."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, seed, **options):
        real = list(
            Guide.objects.filter(is_synthetic=False).prefetch_related(RESPONSIBILITIES.relation)
        )
        categories = list(Category.objects.all())
        if not real or not categories:
            raise CommandError("Load the real guides first: the synthetic text is drawn from them.")
        rng = random.Random(seed)
        words = sorted(
            {
                w.strip(".,;:()").lower()
                for g in real
                for w in f"{g.summary} {g.core_functions}".split()
                if w.isalpha() and len(w) > 3
            }
        )
        titles = [g.title for g in real]
        # Real SOC codes, so headline pay costs what it does for real guides (guides.wages).
        codes = [g.occupation_code for g in real if g.occupation_code]
        responsibilities = [item.text for g in real for item in RESPONSIBILITIES.items(g)]
        start = Guide.objects.filter(is_synthetic=True).count()
        for offset in range(0, count, BATCH):
            with transaction.atomic():
                guides = Guide.objects.bulk_create(
                    [
                        self.guide(rng, number, words, titles, categories, codes)
                        for number in range(start + offset, start + min(offset + BATCH, count))
                    ]
                )
                RESPONSIBILITIES.model.objects.bulk_create(
                    [
                        RESPONSIBILITIES.new(
                            guide=guide, position=position, text=rng.choice(responsibilities)
                        )
                        for guide in guides
                        for position in range(8)
                    ]
                )
                SALARY_BANDS.model.objects.bulk_create(
                    [
                        SALARY_BANDS.new(
                            guide=guide,
                            label="Synthetic band",
                            source="Synthetic data",
                            data_year=2024,
                            median=median,
                            p10=median * 6 // 10,
                            p90=median * 16 // 10,
                        )
                        for guide in guides
                        for median in [rng.randrange(30_000, 200_000, 10)]
                    ]
                )
                index([guide.pk for guide in guides])
                bump(GUIDES)  # bulk_create sends no signals: the lists of guides change
            self.stdout.write(f"{start + offset + len(guides)} synthetic guides")

    def guide(self, rng, number, words, titles, categories, codes):
        title = f"{rng.choice(titles)} {rng.choice(words).title()} {number}"
        return Guide(
            title=title,
            slug=f"synthetic-{number}",
            is_synthetic=True,
            status=Guide.Status.PUBLISHED,
            category=rng.choice(categories),
            summary=" ".join(rng.choices(words, k=25)).capitalize() + ".",
            overview=" ".join(rng.choices(words, k=120)),
            core_functions=" ".join(rng.choices(words, k=150)),
            market_demand=rng.choice(Guide.Demand.values),
            remote_work=rng.choice(Guide.RemoteWork.values),
            growth_percent=rng.randint(-5, 30),
            growth_period="2024-34",
            entry_education=rng.choice(Guide.EntryEducation.values),
            occupation_code=rng.choice(codes) if codes else "",
        )
