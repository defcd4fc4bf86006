"""The reporting activity of a đề án (one of the 24 lines of the funding form): which lines a đề
án of each content may carry, and the one it carries when none was chosen."""

from dataclasses import dataclass

from projects.models import Content, Project


@dataclass(frozen=True)
class ActivityRule:
    """Which of the 24 reporting activity lines a đề án of each content may carry, and the one it
    carries when none was chosen (or the chosen one left its content): the content's default,
    else its group's, else its first line. Loaded once (one query) and asked per đề án, so the
    form, the import, the adjustments and project_save apply the same rule."""

    allowed: dict  # content id → frozenset of activity ids
    defaults: dict  # content id → activity id

    @classmethod
    def load(cls) -> "ActivityRule":
        own, parents, defaults, order = {}, {}, {}, {}
        for (
            content_id,
            parent_id,
            activity_id,
            is_default,
            sort,
            code,
        ) in Content.objects.values_list(
            "pk",
            "parent_id",
            "activity_links__activity_id",
            "activity_links__is_default",
            "activity_links__activity__sort_order",
            "activity_links__activity__code",
        ).order_by():
            parents[content_id] = parent_id
            own.setdefault(content_id, set())
            if activity_id is not None:
                own[content_id].add(activity_id)
                order[activity_id] = (sort, code.zfill(5))
                if is_default:
                    defaults[content_id] = activity_id
        allowed, chosen = {}, {}
        for content_id, parent_id in parents.items():
            ids = own[content_id] or own.get(parent_id, set())
            allowed[content_id] = frozenset(ids)
            found = defaults.get(content_id) or defaults.get(parent_id)
            if found is None and ids:
                found = min(ids, key=order.__getitem__)
            if found is not None:
                chosen[content_id] = found
        return cls(allowed=allowed, defaults=chosen)

    def belongs(self, content_id, activity_id) -> bool:
        return activity_id in self.allowed.get(content_id, ())

    def resolve(self, content_id, activity_id):
        """The activity a đề án of `content_id` carries given the chosen `activity_id`."""
        if activity_id is not None and self.belongs(content_id, activity_id):
            return activity_id
        return self.defaults.get(content_id)


def apply_activity_rule(project: Project, rule: ActivityRule | None = None) -> None:
    """Give `project` its content's default activity when it has none or one of another content."""
    rule = rule or ActivityRule.load()
    project.activity_id = rule.resolve(project.content_id, project.activity_id)
