"""Form widgets shared by every app's public forms."""

from django import forms


class RadioSelect(forms.RadioSelect):
    """Radio buttons without the empty « --------- » choice that Django adds for a model field with choices.

    A required question shows only its real answers, none of them checked until the person picks one (the
    empty choice was drawn first and checked, as if « --------- » were an answer). An optional question keeps
    its empty choice: there it means « no answer »."""

    def optgroups(self, name, value, attrs=None):
        if not self.is_required:
            return super().optgroups(name, value, attrs)
        choices = self.choices
        self.choices = [choice for choice in choices if choice[0] not in ("", None)]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = choices
