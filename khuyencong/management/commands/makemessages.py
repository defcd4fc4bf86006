"""Django's makemessages, writing the catalogue sorted by msgid and without source locations.

Several people add strings at once; with locations, every run rewrites hundreds of `#:` lines and
two branches always conflict. Sorted, without locations, a new string is one local hunk.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--sort-output"]
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--sort-output"]
    msguniq_options = [*makemessages.Command.msguniq_options, "--sort-output"]
    msgattrib_options = [*makemessages.Command.msgattrib_options, "--sort-output"]

    def handle(self, *args, **options):
        options["add_location"] = "never"
        return super().handle(*args, **options)
