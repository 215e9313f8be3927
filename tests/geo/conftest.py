import pytest

from sitrep.geo import Gazetteer


@pytest.fixture(scope="session")
def gazetteer():
    """The real gazetteer (built into the user cache the first time, ~15 s; then < 1 s)."""
    return Gazetteer.load()


@pytest.fixture(scope="session")
def nlp():
    from sitrep.language import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def parse(nlp, gazetteer):
    """text -> (doc, mentions)"""
    from sitrep.geo import geoparse_doc

    def run(text):
        doc = nlp(text)
        return doc, geoparse_doc(doc, gazetteer)

    return run
