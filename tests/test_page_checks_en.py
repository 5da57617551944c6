"""The English pages' loading, layout, screenshot and accessibility checks: test_page_checks.py's own
tests, collected here too, with `lang` set to "en" (that module checks the Japanese pages).
A module of its own so that pytest-xdist, which gives each worker whole modules, can check the
two languages on two cores at once: each language's pass is the suite's longest stretch.
"""
import pytest

from test_page_checks import (test_a_full_page_screenshot_of_each_wanted_page_is_saved,
                              test_every_page_loads_without_errors_with_all_math_typeset_and_all_images_loaded,
                              test_no_page_has_a_serious_or_critical_wcag_violation_that_axe_finds,
                              test_no_page_scrolls_sideways_and_wide_formulas_scroll_in_their_own_box_with_tags_at_the_right,
                              visits)

# Imported to be collected here (pytest collects every test function a module holds).
__all__ = ["test_a_full_page_screenshot_of_each_wanted_page_is_saved",
           "test_every_page_loads_without_errors_with_all_math_typeset_and_all_images_loaded",
           "test_no_page_has_a_serious_or_critical_wcag_violation_that_axe_finds",
           "test_no_page_scrolls_sideways_and_wide_formulas_scroll_in_their_own_box_with_tags_at_the_right",
           "visits"]

LANG = "en"


@pytest.fixture(scope="module")
def lang() -> str:
    return LANG
