"""A guide's plain text lists (responsibilities, skills, pros, ...): one model with a `kind`,
and one proxy model per kind so the admin shows one sortable inline per list."""

from django.db import models

from .fields import Ordered, unique_position


class ListItem(Ordered):
    """One entry of a guide's plain bullet lists; `kind` says which list."""

    class Kind(models.TextChoices):
        RESPONSIBILITY = "responsibility", "Key responsibility"
        TECH_SKILL = "tech_skill", "Tech skill"
        SOFT_SKILL = "soft_skill", "Soft ability"
        PRO = "pro", "Pro"
        CON = "con", "Con"
        MISTAKE = "mistake", "Beginner mistake"
        ADVICE = "advice", "Advice"

    guide = models.ForeignKey("Guide", on_delete=models.CASCADE, related_name="list_items")
    kind = models.CharField(max_length=20, choices=Kind)
    text = models.CharField(max_length=400)

    class Meta(Ordered.Meta):
        ordering = ["kind", "position"]
        constraints = [unique_position("listitem", "guide", "kind")]

    def __str__(self):
        return self.text


class ListItemOfKind(models.Manager):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


def _list_of_kind(kind, plural):
    """A proxy of ListItem holding one kind, so the admin shows one sortable inline per list."""
    name = "".join(part.capitalize() for part in kind.split("_")) + "Item"
    meta = type(
        "Meta",
        (),
        {
            "proxy": True,
            "ordering": ["position"],
            "verbose_name": ListItem.Kind(kind).label.lower(),
            "verbose_name_plural": plural,
        },
    )

    def save(self, *args, **kwargs):
        self.kind = kind
        super(proxy, self).save(*args, **kwargs)

    proxy = type(
        name,
        (ListItem,),
        {"__module__": __name__, "Meta": meta, "objects": ListItemOfKind(kind), "save": save},
    )
    return proxy


ResponsibilityItem = _list_of_kind(ListItem.Kind.RESPONSIBILITY, "key responsibilities")
TechSkillItem = _list_of_kind(ListItem.Kind.TECH_SKILL, "tech skills")
SoftSkillItem = _list_of_kind(ListItem.Kind.SOFT_SKILL, "soft abilities")
ProItem = _list_of_kind(ListItem.Kind.PRO, "pros")
ConItem = _list_of_kind(ListItem.Kind.CON, "cons")
MistakeItem = _list_of_kind(ListItem.Kind.MISTAKE, "beginner mistakes")
AdviceItem = _list_of_kind(ListItem.Kind.ADVICE, "pieces of advice")
# Each kind's proxy, for the section registry's list kinds.
LIST_PROXIES = {
    proxy.objects.kind: proxy
    for proxy in (
        ResponsibilityItem,
        TechSkillItem,
        SoftSkillItem,
        ProItem,
        ConItem,
        MistakeItem,
        AdviceItem,
    )
}
