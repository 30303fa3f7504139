"""Reader feedback in the admin: per guide (counts, share of "yes", its comments inline, marked
handled there) and as one list of every answer (filters, mark handled, CSV export). Nobody adds
feedback here; editors may delete spam."""

from django.contrib import admin
from django.db.models import Count, F, FloatField, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import format_html

from .export import csv_response
from .models import Feedback, GuideFeedback


@admin.action(description="Export the selected feedback as CSV")
def export_csv(modeladmin, request, queryset):
    return csv_response(queryset)


@admin.action(description="Export these guides' feedback as CSV")
def export_guides_csv(modeladmin, request, queryset):
    return csv_response(Feedback.objects.filter(guide__in=queryset))


@admin.action(description="Mark handled", permissions=["change"])
def mark_handled(modeladmin, request, queryset):
    count = queryset.update(handled=True)
    modeladmin.message_user(request, f"{count} marked handled.")


@admin.action(description="Mark not handled", permissions=["change"])
def mark_not_handled(modeladmin, request, queryset):
    count = queryset.update(handled=False)
    modeladmin.message_user(request, f"{count} marked not handled.")


def answer_text(feedback):
    return "Yes" if feedback.useful else "No"


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "guide", "answer", "comment", "handled"]
    list_filter = ["handled", "useful", ("guide", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["comment", "guide__title"]
    date_hierarchy = "created_at"
    fields = ["guide", "created_at", "answer", "comment", "handled"]
    readonly_fields = ["guide", "created_at", "answer", "comment"]
    actions = [mark_handled, mark_not_handled, export_csv]
    list_per_page = 100

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("guide")

    @admin.display(description="Useful?", ordering="useful")
    def answer(self, feedback):
        return answer_text(feedback)

    def has_add_permission(self, request):
        return False


class CommentInline(admin.TabularInline):
    """The guide's comments (answers without one are in the counts), open ones first."""

    model = Feedback
    verbose_name = "comment"
    verbose_name_plural = "comments"
    fields = ["created_at", "answer", "comment", "handled"]
    readonly_fields = ["created_at", "answer", "comment"]
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(comment="").order_by("handled", "-created_at")

    @admin.display(description="Useful?")
    def answer(self, feedback):
        return answer_text(feedback)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(GuideFeedback)
class GuideFeedbackAdmin(admin.ModelAdmin):
    list_display = ["title", "useful_share", "answers", "open_comments"]
    search_fields = ["title", "slug"]
    fields = ["pages"]
    readonly_fields = ["pages"]
    inlines = [CommentInline]
    actions = [export_guides_csv]

    def get_queryset(self, request):
        yes = Count("feedback", filter=Q(feedback__useful=True))
        return (
            super()
            .get_queryset(request)
            .filter(is_synthetic=False)
            .annotate(
                answer_count=Count("feedback"),
                yes_count=yes,
                open_count=Count(
                    "feedback", filter=Q(feedback__handled=False) & ~Q(feedback__comment="")
                ),
            )
            .filter(answer_count__gt=0)
            .annotate(share=Cast(F("yes_count"), FloatField()) / F("answer_count"))
            .order_by("-answer_count", "title")
        )

    @admin.display(description="Useful", ordering="share")
    def useful_share(self, guide):
        return f"{round(100 * guide.yes_count / guide.answer_count)}% yes ({guide.yes_count})"

    @admin.display(description="Answers", ordering="answer_count")
    def answers(self, guide):
        return guide.answer_count

    @admin.display(description="Comments to handle", ordering="open_count")
    def open_comments(self, guide):
        return guide.open_count

    @admin.display(description="Guide")
    def pages(self, guide):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">Edit the guide</a>',
            guide.get_absolute_url(),
            guide.title,
            reverse("admin:guides_guide_change", args=[guide.pk]),
        )

    def save_model(self, request, obj, form, change):
        """Only the comments' "handled" boxes are edited here; the guide itself is left alone (its
        save would move its timestamp, and with it the public page's ETag)."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
