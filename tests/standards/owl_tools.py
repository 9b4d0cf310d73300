"""The standard OWL tools the tests run: the OWL API (Debian's libowlapi-java) and HermiT
(bundled with owlready2), each on Debian's Java. `.ci/system-deps` installs them."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph

from graph.model.namespaces import RDF

JAVA_DIR = Path("/usr/share/java")
OWLAPI_JARS = ["owlapi-distribution", "guava", "caffeine", "commons-codec", "commons-io", "commons-rdf-api",
               "rdf4j-model", "rdf4j-model-api", "rdf4j-model-vocabulary", "rdf4j-rio-api",
               "rdf4j-rio-turtle", "rdf4j-util", "slf4j-api", "slf4j-nop", "jsr305", "hppcrt", "xz",
               "atinject-jsr330-api", "jackson-core", "jackson-databind", "jackson-annotations"]
"""The OWL API and the libraries it loads (Debian's libowlapi-java and its dependencies)."""
DL_PROFILE_SOURCE = Path(__file__).with_name("DLProfile.java")
REIFICATION = (RDF.subject, RDF.predicate, RDF.object)


def owl_view(graph: Graph) -> Graph:
    """The graph without the rdf:subject/predicate/object triples of its sourced statements.

    OWL 2 DL has no place for RDF reification (rdf: terms are reserved vocabulary): the OWL
    API drops such triples when their object is a resource and reports the others. The
    statements' shape is SHACL's to check (ogsh:StatementShape); everything else they carry
    (source, paragraphs, status, attribution) stays in the view."""
    view = Graph()
    view += (t for t in graph if t[1] not in REIFICATION)
    return view


def need_java() -> None:
    if shutil.which("java") is None or shutil.which("javac") is None:
        pytest.skip("needs Debian's Java (default-jdk-headless): run .ci/system-deps as root")


def dl_profile_violations(graph: Graph, workdir: Path) -> list[str]:
    """The OWL API's OWL 2 DL profile violations of `graph`, one line each."""
    need_java()
    jars = [JAVA_DIR / f"{name}.jar" for name in OWLAPI_JARS]
    if not jars[0].exists():
        pytest.skip("needs Debian's libowlapi-java: run .ci/system-deps as root")
    classpath = ":".join(str(j) for j in jars if j.exists())
    classes = workdir / "classes"
    subprocess.run(["javac", "-d", str(classes), "-cp", classpath, str(DL_PROFILE_SOURCE)],
                   check=True, capture_output=True, text=True)
    document = workdir / "checked.ttl"
    graph.serialize(document, format="turtle")
    done = subprocess.run(["java", "-cp", f"{classes}:{classpath}", "DLProfile", str(document)],
                          check=True, capture_output=True, text=True, timeout=600)
    lines = done.stdout.splitlines()
    assert lines and lines[-1].startswith("violations: "), done.stdout + done.stderr
    violations = lines[:-1]
    assert int(lines[-1].split()[1]) == len(violations)
    return violations


ORG_FOAF_AXIOMS = Path(__file__).with_name("org_foaf_axioms.ttl")


def hermit(graph: Graph, workdir: Path) -> list[str]:
    """HermiT's verdict on `graph`: the unsatisfiable classes (as IRIs), or raises
    owlready2.OwlReadyInconsistentOntologyError if the graph is inconsistent."""
    need_java()
    owlready2 = pytest.importorskip("owlready2", reason="owlready2 (HermiT) is a test dependency")
    document = workdir / "checked.nt"
    graph.serialize(document, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(document.as_uri()).load()
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return sorted(c.iri for c in world.inconsistent_classes())
