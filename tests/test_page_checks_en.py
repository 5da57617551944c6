"""The English pages' loading, layout, screenshot, accessibility and chain checks: test_page_checks.py's own
tests, collected here too, with `lang` set to "en" (that module checks the Japanese pages).
A module of its own so that pytest-xdist, which gives each worker whole modules, can check the
two languages on two cores at once: each language's pass is the suite's longest stretch.
"""
import pytest

from test_page_checks import (test_a_full_page_screenshot_of_each_wanted_page_is_saved,
                              test_every_line_of_every_chain_shows_its_number_in_order,
                              test_every_page_loads_without_errors_with_all_math_typeset_and_all_images_loaded,
                              test_no_page_has_a_serious_or_critical_wcag_violation_that_axe_finds,
                              test_no_page_scrolls_sideways_and_wide_formulas_scroll_in_their_own_box_with_tags_at_the_right,
                              test_on_a_desktop_a_chain_formula_wraps_only_where_it_is_wider_than_the_column,
                              test_on_a_desktop_no_reason_or_mark_is_cut,
                              test_on_a_phone_a_formula_too_wide_for_the_column_breaks_after_its_equals_or_plus,
                              test_on_a_phone_every_equation_number_is_in_view,
                              test_on_a_phone_every_reason_and_mark_of_every_line_is_in_view_in_full,
                              test_on_a_phone_no_formula_of_a_chain_is_cut,
                              test_the_chain_checks_ran_at_both_widths_on_every_page_that_shows_chains,
                              visits)

# Imported to be collected here (pytest collects every test function a module holds); test_page_checks.py
# checks that every test of its own that takes `lang` is in this list.
__all__ = ["test_a_full_page_screenshot_of_each_wanted_page_is_saved",
           "test_every_line_of_every_chain_shows_its_number_in_order",
           "test_every_page_loads_without_errors_with_all_math_typeset_and_all_images_loaded",
           "test_no_page_has_a_serious_or_critical_wcag_violation_that_axe_finds",
           "test_no_page_scrolls_sideways_and_wide_formulas_scroll_in_their_own_box_with_tags_at_the_right",
           "test_on_a_desktop_a_chain_formula_wraps_only_where_it_is_wider_than_the_column",
           "test_on_a_desktop_no_reason_or_mark_is_cut",
           "test_on_a_phone_a_formula_too_wide_for_the_column_breaks_after_its_equals_or_plus",
           "test_on_a_phone_every_equation_number_is_in_view",
           "test_on_a_phone_every_reason_and_mark_of_every_line_is_in_view_in_full",
           "test_on_a_phone_no_formula_of_a_chain_is_cut",
           "test_the_chain_checks_ran_at_both_widths_on_every_page_that_shows_chains",
           "visits"]

LANG = "en"


@pytest.fixture(scope="module")
def lang() -> str:
    return LANG
