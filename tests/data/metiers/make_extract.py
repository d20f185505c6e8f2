"""Rebuild this folder's small extract of the catalogue from `data/metiers/` (run from the repository root).

Five historic fiches: baker (D1102, with its finer fiche D1108 « Chef boulanger »), pastry cook (D1104),
butcher (D1101), nature warden (A1202, no Onisep métier) and web developer (M1805); the Onisep métiers
that point to them, plus MET.323, whose malformed code `A15` the import must skip.
"""

import csv
import json
from pathlib import Path

SOURCE = Path("data/metiers")
TARGET = Path(__file__).resolve().parent
HISTORIC = {"D1102", "D1104", "D1101", "A1202", "M1805"}


def read(name):
    with (SOURCE / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


def write(name, fields, rows):
    with (TARGET / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    fields, fiches = read("rome_fiches_metiers.csv")
    fiches = [row for row in fiches if row["code_rome_parent"] in HISTORIC]
    codes = {row["code_rome"] for row in fiches}
    write("rome_fiches_metiers.csv", fields, fiches)
    for name in [
        "rome_appellations.csv",
        "rome_fiches_centres_interet.csv",
        "rome_fiches_secteurs_activite.csv",
        "rome_fiches_contextes_travail.csv",
        "rome_fiches_competences_cles.csv",
    ]:
        fields, rows = read(name)
        write(name, fields, [row for row in rows if row["code_rome"] in codes])
    fields, rows = read("rome_mobilites.csv")
    write("rome_mobilites.csv", fields, [r for r in rows if r["code_rome"] in codes and r["code_rome_cible"] in codes])

    def used(link_file, key="code_ogr"):
        return {row[key] for row in read(link_file)[1] if row["code_rome"] in codes}

    for name, link_file, key in [
        ("rome_competences.csv", "rome_fiches_competences_cles.csv", "code_ogr"),
        ("rome_contextes_travail.csv", "rome_fiches_contextes_travail.csv", "code_ogr"),
    ]:
        fields, rows = read(name)
        keep = used(link_file, key)
        write(name, fields, [row for row in rows if row[key] in keep])
    for name in ["rome_centres_interet.csv", "rome_grands_domaines.csv", "rome_domaines_professionnels.csv"]:
        write(name, *read(name))
    fields, rows = read("rome_secteurs_activite.csv")
    keep = used("rome_fiches_secteurs_activite.csv", "code_secteur")
    keep |= {row["code_secteur_parent"] for row in rows if row["code_secteur"] in keep}
    write("rome_secteurs_activite.csv", fields, [row for row in rows if row["code_secteur"] in keep])

    metiers = json.loads((SOURCE / "onisep_fiches_metiers.json").read_text(encoding="utf-8"))
    metiers = [m for m in metiers if set(m["codes_rome"]) & HISTORIC or m["identifiant"] == "MET.323"]
    (TARGET / "onisep_fiches_metiers.json").write_text(json.dumps(metiers, ensure_ascii=False, indent=1), "utf-8")


if __name__ == "__main__":
    main()
