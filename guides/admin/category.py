from django.contrib import admin
from reversion.admin import VersionAdmin

from ..models import Category
from .forms import GuideFormFields


@admin.register(Category)
class CategoryAdmin(GuideFormFields, VersionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
