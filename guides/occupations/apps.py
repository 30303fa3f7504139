from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "guides.occupations"
    label = "occupations"
    verbose_name = "Occupation data (BLS Employment Projections, O*NET)"
