"""A later app shows itself on the pages of plans and đề án through projects.sections, never by
being imported: funding adds how a đề án is carried out to its dossier and to its plan page."""

from funding.sections import implementation_section, plan_implementation_section
from projects import sections


def test_funding_adds_its_sections_through_the_registry():
    assert implementation_section in sections._project_sections
    assert plan_implementation_section in sections._plan_sections


def test_registering_a_section_twice_adds_it_once():
    before = list(sections._project_sections)
    sections.register_project_section(implementation_section)
    assert sections._project_sections == before
