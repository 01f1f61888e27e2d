"""notebook_claims without a kernel: every claimed phrase is in its notebook's prose with one
number per figure, and a number agrees with a figure as the claims mean it.

Environment: NOTEBOOKS_DIR (the notebooks).
"""
import os
import unittest

import nbformat

import notebook_claims

NOTEBOOKS = os.environ.get("NOTEBOOKS_DIR", "../../../../notebooks")


class NotebookClaimsTests(unittest.TestCase):

    def test_every_phrase_is_in_the_prose_with_a_number_per_figure(self):
        for name, claims in notebook_claims.CLAIMS.items():
            text = notebook_claims.prose(
                nbformat.read(os.path.join(NOTEBOOKS, name + ".ipynb"), as_version=4))
            for phrase, expressions, _ in claims:
                with self.subTest(notebook=name, phrase=phrase):
                    numbers = notebook_claims.stated_numbers(text, phrase)
                    self.assertIsNotNone(numbers, "the prose no longer says this")
                    self.assertEqual(len(numbers), len(expressions))

    def test_a_phrase_matches_across_line_breaks(self):
        text = "lowers the MSE (0.120 →\n0.106) for"
        self.assertEqual(notebook_claims.stated_numbers(text, "MSE ({} → {}) for"),
                         ["0.120", "0.106"])
        self.assertIsNone(notebook_claims.stated_numbers(text, "MAE ({} → {})"))

    def test_a_number_agrees_to_its_last_digit_or_within_the_tolerance(self):
        self.assertTrue(notebook_claims.agrees("0.120", 0.1204, 0))
        self.assertFalse(notebook_claims.agrees("0.120", 0.1206, 0))
        self.assertTrue(notebook_claims.agrees("+1.3", 1.34, 0))
        self.assertFalse(notebook_claims.agrees("85", 86, 0))
        self.assertTrue(notebook_claims.agrees("240", 255, 0.08))
        self.assertFalse(notebook_claims.agrees("240", 265, 0.08))


if __name__ == "__main__":
    unittest.main()
