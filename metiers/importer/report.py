"""The import's report: counts, fields kept as staff edited them, warnings; printed in French."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class ImportReport:
    """What one run did; `lines()` is what the command and the demo print."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_fields: list = field(default_factory=list)  # (ROME code, field) left as staff edited them
    not_in_data: list = field(default_factory=list)  # sheets whose code the data no longer has
    appellations: dict = field(default_factory=lambda: {"created": 0, "updated": 0, "deleted": 0})
    snippets: dict = field(default_factory=dict)  # verbose name -> {"created", "updated", "kept"}
    onisep_matched: int = 0
    # Where each sheet's introduction and main texts come from: "onisep" (a métier named like the sheet) or
    # "rome" (ROME's definition, when no Onisep métier bears one of the sheet's names).
    text_sources: dict = field(default_factory=dict)
    interests_merged: int = 0  # Onisep centres d'intérêt joined to their France Travail twin
    interests_retired: int = 0  # tags of such centres removed, left by an earlier import
    warnings: list = field(default_factory=list)
    seconds: float = 0.0

    def add_snippet_counts(self, model, counts):
        """Add one pass's created/updated/kept counts for a snippet model (sectors are synced in two passes)."""
        key = str(model._meta.verbose_name_plural).capitalize()
        previous = self.snippets.get(key, {"created": 0, "updated": 0, "kept": 0})
        self.snippets[key] = {
            "created": previous["created"] + counts["created"],
            "updated": previous["updated"] + counts["updated"],
            "kept": max(previous["kept"], counts["kept"]),
        }

    def lines(self):
        """The report, in French, one line at a time (used by the command and the demo)."""
        yield _("Fiches : %(created)d créées, %(updated)d mises à jour, %(unchanged)d inchangées.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        yield _("Appellations : %(created)d créées, %(updated)d mises à jour, %(deleted)d supprimées.") % (
            self.appellations
        )
        for name, counts in self.snippets.items():
            yield _(
                "%(name)s : %(created)d créés, %(updated)d mis à jour, %(kept)d renommés par l'équipe et gardés."
            ) % {
                "name": name,
                **counts,
            }
        yield _("Métiers Onisep rattachés à une fiche : %(count)d.") % {"count": self.onisep_matched}
        yield _("Centres d'intérêt en double fusionnés : %(merged)d (anciennes étiquettes retirées : %(retired)d).") % {
            "merged": self.interests_merged,
            "retired": self.interests_retired,
        }
        yield _(
            "Textes des fiches : %(onisep)d d'un métier Onisep qui porte le nom de la fiche, "
            "%(rome)d de la définition du ROME."
        ) % {"onisep": self.text_sources.get("onisep", 0), "rome": self.text_sources.get("rome", 0)}
        if self.kept_fields:
            yield _("Champs modifiés par l'équipe, gardés tels quels : %(count)d (%(sample)s).") % {
                "count": len(self.kept_fields),
                "sample": ", ".join(f"{code}.{name}" for code, name in self.kept_fields[:10]),
            }
        if self.not_in_data:
            yield _("Fiches absentes des données, laissées en place : %(codes)s.") % {
                "codes": ", ".join(self.not_in_data[:20])
            }
        for warning in self.warnings[:20]:
            yield _("Attention : %(warning)s") % {"warning": warning}
        if len(self.warnings) > 20:
            yield _("… et %(count)d autres avertissements.") % {"count": len(self.warnings) - 20}
        yield _("Durée : %(seconds).1f s.") % {"seconds": self.seconds}
