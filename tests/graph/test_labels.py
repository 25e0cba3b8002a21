"""Every node the project mints is named: one skos:prefLabel per language (Vietnamese always,
English where there is one) and rdfs:label; roles and periods included. The UN's concepts are
referenced, never labelled here."""

from __future__ import annotations

from collections import defaultdict

from .conftest import rows

BASE = "https://w3id.org/sdgkg/"
SDGKG = BASE + "ontology#"
LABELS = "skos:prefLabel|rdfs:label|skos:altLabel|skos:hiddenLabel|skos:definition|dcterms:title"


def minted_subjects(store) -> set[str]:
    found = rows(
        store,
        f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER (STRSTARTS(STR(?s), "{BASE}")) }}',
    )
    return {str(r["s"]) for r in found}


def labels_of(store, predicate: str) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows(store, f"SELECT ?s ?l (LANG(?l) AS ?lang) WHERE {{ ?s {predicate} ?l }}"):
        found[str(r["s"])][str(r["lang"])].append(str(r["l"]))
    return found


def test_every_minted_node_has_one_preflabel_per_language_and_an_rdfs_label(store):
    subjects = minted_subjects(store)
    assert len(subjects) > 5000
    pref, label = labels_of(store, "skos:prefLabel"), labels_of(store, "rdfs:label")
    persons = {str(r["p"]) for r in rows(store, "SELECT ?p WHERE { ?p a foaf:Person }")}
    missing = sorted(s for s in subjects if "vi" not in pref[s] or not label[s])
    assert missing == []
    untagged = sorted(s for s in subjects if "" in pref[s] or "" in label[s])
    assert untagged == []
    several = sorted(s for s in subjects if any(len(v) > 1 for v in pref[s].values()))
    assert several == []
    # English wherever the project has a name in English: all but a person's name
    no_english = sorted(s for s in subjects - persons if "en" not in pref[s])
    assert no_english == []
    # rdfs:label says what skos:prefLabel says, language by language
    assert all(sorted(pref[s]["vi"]) == sorted(label[s]["vi"]) for s in subjects)


def test_roles_periods_and_assignments_are_named(store):
    pref = labels_of(store, "skos:prefLabel")
    assert pref[SDGKG + "LeadRole"] == {"vi": ["cơ quan chủ trì"], "en": ["lead agency"]}
    assert pref[SDGKG + "PartnerRole"]["en"] == ["partner unit"]
    period = pref[BASE + "period/2017-2020"]
    assert period == {"vi": ["Giai đoạn 2017-2020"], "en": ["Period 2017-2020"]}
    task = BASE + "plan/hai-phong-2894-2017/appendix/06/task/1.1.2.1"
    lead, agency = pref[task + "/lead/so-gtvt"], pref[BASE + "agency/hai-phong/so-gtvt"]
    assert lead["en"] == [f"Lead of task 1.1.2.1 (appendix 06): {agency['en'][0]}"]
    assert lead["vi"] == [f"Chủ trì nhiệm vụ 1.1.2.1 (phụ lục 06): {agency['vi'][0]}"]


def test_no_label_or_text_is_asserted_on_the_uns_concepts(store):
    found = rows(
        store,
        f"SELECT ?s ?p WHERE {{ ?s ?p ?o FILTER (STRSTARTS(STR(?s), STR(unsdg:))) "
        f"VALUES ?p {{ {LABELS.replace('|', ' ')} }} }}",
    )
    assert found == []
    scheme = rows(store, "SELECT ?l WHERE { <http://metadata.un.org/sdg> skos:prefLabel ?l }")
    assert scheme == []
    # the shape needed to count coverage stays: 17 goals, 169 targets, each target's goal
    counts = rows(
        store,
        "SELECT (COUNT(DISTINCT ?g) AS ?goals) (COUNT(DISTINCT ?t) AS ?targets) WHERE { "
        "?g skos:topConceptOf <http://metadata.un.org/sdg> . ?t skos:broader ?g ; "
        "skos:inScheme <http://metadata.un.org/sdg> }",
    )
    assert counts == [{"goals": "17", "targets": "169"}]
