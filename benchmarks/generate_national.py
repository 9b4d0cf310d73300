"""Write a synthetic, seeded national dataset in the project's own YAML data format.

All territorial forces of forces_governance_reference.csv with their policing bodies,
professional standards departments, panels, the IOPC and the appeals tribunals (one
reference file), then one source file per force per year: officers and staff, complaints,
allegations with categories, investigations, findings, misconduct hearings, appeals and
IOPC referrals, each fact with paragraphs, a claim status and who states it.

    python benchmarks/generate_national.py OUT_DIR --triples 1000000 [--seed 1]

The size is approximate (the loader adds a statement node per fact): about 240 triples per
complaint with its officers and statements, at least one complaint per file (so about 120k
triples at the least), checked by bench_national.py, which reports the real count.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

import yaml

REFERENCE_CSV = Path("/work/shared/reference/forces_governance_reference.csv")
TRIPLES_PER_COMPLAINT = 240
YEARS = range(2016, 2024)
CATEGORIES = ["use of force", "discriminatory behaviour", "sexual misconduct", "abuse of position",
              "corruption", "honesty and integrity", "handling of property", "access to information"]
OUTCOMES = ["no further action", "management action", "written warning", "final written warning",
            "dismissal", "reflective practice", "case to answer", "no case to answer"]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def reference(forces: list[dict]) -> dict:
    """Standing actors and their statutory relations, each citing the governance list."""
    cite = "n_forces_governance"
    records: list[dict] = [
        {"id": cite, "class": "ReferenceDocument", "label": "Synthetic forces governance list",
         "cites": cite, "props": {"legislationUrl": "https://example.org/synthetic-forces-list"}},
        {"id": "n_iopc", "class": "ComplaintsOversightBody",
         "label": "Independent Office for Police Conduct (synthetic)", "cites": cite},
    ]
    for f in forces:
        fid = f["id"]
        records += [
            {"id": fid, "class": "PoliceForce", "label": f["force_name"], "cites": cite,
             "props": {"refersCasesTo": "n_iopc", "accountableTo": f"{fid}_pcc",
                       "policeUkId": f["data_police_uk_id"], "onsCode": f["ons_pfa_code"]}},
            {"id": f"{fid}_pcc", "class": "PoliceAndCrimeCommissioner",
             "label": f["governing_body"], "cites": cite,
             "props": {"holdsToAccount": fid, "scrutinisedBy": f"{fid}_panel"}},
            {"id": f"{fid}_panel", "class": "PoliceAndCrimePanel",
             "label": f["police_and_crime_panel"] or f"{f['force_name']} panel", "cites": cite,
             "props": {"scrutinises": f"{fid}_pcc"}},
            {"id": f"{fid}_psd", "class": "ProfessionalStandardsDepartment",
             "label": f"{f['force_name']} Professional Standards Department", "cites": cite,
             "props": {"investigatesComplaintsAbout": fid, "org:subOrganizationOf": fid}},
            {"id": f"{fid}_misconduct_panel", "class": "MisconductPanel",
             "label": f"{f['force_name']} misconduct panel", "cites": cite},
            {"id": f"{fid}_pat", "class": "PoliceAppealsTribunal",
             "label": f"Police Appeals Tribunal for {f['force_name']}", "cites": cite},
        ]
    return {"source": {"id": "n_reference", "class": "ReferenceCompilation",
                       "title": "Synthetic national reference data"}, "records": records}


def force_year(rng: random.Random, force: dict, year: int, complaints: int) -> dict:
    """One annual complaints report of one force, as a news-style source with paragraphs."""
    fid, sid = force["id"], f"n_{force['id'][2:]}_{year}"
    para = lambda: [rng.randint(1, 200)]  # noqa: E731
    records: list[dict] = []
    officers = [f"{sid}_officer_{i}" for i in range(max(2, complaints // 3))]
    for i, oid in enumerate(officers):
        records.append({"id": oid, "class": "PoliceOfficer" if i % 4 else "PoliceStaffMember",
                        "label": f"Officer {i} of {force['force_name']} ({year})", "paragraphs": para(),
                        "props": {"employedAs": "police constable" if i % 4 else "police staff"}})
    for c in range(complaints):
        cid, month = f"{sid}_c{c}", rng.randint(1, 12)
        officer = rng.choice(officers)
        category = rng.choice(CATEGORIES)
        outcome = rng.choice(OUTCOMES)
        case = f"{cid}_case"
        records += [
            {"id": case, "class": "Case", "label": f"Case of complaint {c} ({force['force_name']}, {year})",
             "paragraphs": para(), "props": {"caseAbout": officer}},
            {"id": cid, "class": "Complaint", "label": f"Complaint {c} to {force['force_name']} in {year}",
             "paragraphs": para(), "props": {"date": f"{year}-{month:02d}", "category": category,
                                              "partOfCase": case, "recipient": fid}},
            # The allegation and the finding are reported; what they say is alleged by the
            # complainant and found by the PSD, as in the seed data.
            {"id": f"{cid}_allegation", "class": "Allegation", "label": f"Allegation in complaint {c}",
             "paragraphs": para(),
             "props": {"partOfCase": case, "subjectOf": officer,
                       "nature": {"value": category, "status": "alleged", "by": cid}}},
            {"id": f"{cid}_inv", "class": "Investigation", "label": f"Investigation of complaint {c}",
             "paragraphs": para(), "props": {"partOfCase": case, "investigator": f"{fid}_psd",
                                              "date": f"{year}-{month:02d}"}},
            {"id": f"{cid}_finding", "class": "Finding", "label": f"Finding on complaint {c}",
             "paragraphs": para(),
             "props": {"partOfCase": case, "decidedBy": f"{fid}_psd", "after": f"{cid}_inv",
                       "outcome": {"value": outcome, "status": "found", "by": f"{fid}_psd"}}},
        ]
        if rng.random() < 0.15:
            records.append({"id": f"{cid}_referral", "class": "Referral", "label": f"Referral of complaint {c}",
                            "paragraphs": para(), "props": {"partOfCase": case, "referredTo": "n_iopc"}})
        if outcome in ("dismissal", "final written warning", "case to answer"):
            records.append({"id": f"{cid}_hearing", "class": "MisconductHearing",
                            "label": f"Misconduct hearing on complaint {c}", "paragraphs": para(),
                            "props": {"partOfCase": case, "after": f"{cid}_inv", "outcome": outcome,
                                      "heardBy": f"{fid}_misconduct_panel"}})
            if rng.random() < 0.3:
                records.append({"id": f"{cid}_appeal", "class": "Appeal", "label": f"Appeal on complaint {c}",
                                "paragraphs": para(), "props": {"partOfCase": case, "heardBy": f"{fid}_pat",
                                                                 "after": f"{cid}_hearing"}})
    return {"source": {"id": sid, "class": "NewsArticle", "paragraph_count": 200,
                       "title": f"{force['force_name']} complaints report {year} (synthetic)",
                       "seed_file": f"{sid}.txt", "published": f"{year + 1}-03"},
            "records": records}


def generate(out: Path, triples: int, seed: int = 1) -> int:
    """Write the dataset into `out` (created); returns the number of source files."""
    rng = random.Random(seed)
    with REFERENCE_CSV.open(encoding="utf-8") as f:
        forces = [dict(row, id="n_" + slug(row["force_name"])) for row in csv.DictReader(f)]
    (out / "sources").mkdir(parents=True, exist_ok=True)
    dump = lambda doc, path: path.write_text(yaml.safe_dump(doc, sort_keys=False, width=200))  # noqa: E731
    dump(reference(forces), out / "reference.yaml")
    per_file = max(1, triples // TRIPLES_PER_COMPLAINT // (len(forces) * len(YEARS)))
    for force in forces:
        for year in YEARS:
            dump(force_year(rng, force, year, per_file), out / "sources" / f"{force['id']}_{year}.yaml")
    return 1 + len(forces) * len(YEARS)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"wrote {generate(args.out, args.triples, args.seed)} files into {args.out}")
