from django.contrib import admin
from reversion.admin import VersionAdmin

from ..models import Category


@admin.register(Category)
class CategoryAdmin(VersionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
