"""What the catalogue's classifications say about a query (issue 29): the sheets of a domain named by one word,
by how central they are, and the sheets given each centre d'intérêt. Loaded with the meaning index
(`search.concepts.ConceptIndex.load`)."""

from collections import Counter, defaultdict

from metiers.models import (
    Appellation,
    DomaineProfessionnel,
    GrandDomaine,
    MetierPage,
    MetierPageCentreInteret,
    MetierRelation,
)

from . import concepts  # (imported by concepts: its functions are read at call time)


def load_domains():
    """{root of a domain's one-word name: {page id: centrality}} for the grands domaines and domaines
    professionnels named by one word (« Santé », « Bois », « Banque »). A sheet's centrality in its domain is the
    mean of two shares, each divided by the domain's highest: how many sheets of its grand domaine list it among
    their « métiers proches » (ROME mobilités: the jobs the neighbouring ones lead to), and how many ROME
    appellations it gathers (the breadth of the job: « Infirmier » has many titles, a speciality a few)."""
    sheets = list(MetierPage.objects.live().values_list("pk", "grand_domaine_id", "domaine_professionnel_id"))
    grand_of = {pk: grand for pk, grand, _domaine in sheets}
    listed = Counter()
    relations = MetierRelation.objects.filter(page_id__in=grand_of, target_id__in=grand_of)
    for source, target in relations.values_list("page_id", "target_id"):
        if grand_of[source] is not None and grand_of[source] == grand_of[target] and source != target:
            listed[target] += 1
    titles = Counter(Appellation.objects.filter(page_id__in=grand_of).values_list("page_id", flat=True))
    domains = {}
    for model, column in ((GrandDomaine, 1), (DomaineProfessionnel, 2)):
        for pk, name in model.objects.values_list("pk", "name"):
            words = concepts.roots_of(name)
            members = [sheet[0] for sheet in sheets if sheet[column] == pk]
            if len(words) != 1 or not members:
                continue
            top_listed = max(listed[page_id] for page_id in members) or 1
            top_titles = max(titles[page_id] for page_id in members) or 1
            found = domains.setdefault(words[0], {})
            for page_id in members:
                share = (listed[page_id] / top_listed + titles[page_id] / top_titles) / 2
                found[page_id] = max(found.get(page_id, 0.0), share)
    return domains


def load_interests():
    """[(roots of a centre d'intérêt's name, ids of the live sheets it is given to)]."""
    sheets = defaultdict(set)
    links = MetierPageCentreInteret.objects.filter(content_object__live=True)
    for name, page_id in links.values_list("tag__name", "content_object_id"):
        sheets[name].add(page_id)
    return [
        (frozenset(concepts.roots_of(name)), page_ids) for name, page_ids in sheets.items() if concepts.roots_of(name)
    ]
