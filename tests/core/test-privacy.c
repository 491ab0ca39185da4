/* test-privacy.c: the small-numbers rule
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "abierto-privacy.h"

static void
check (const guint    *counts,
       guint           n,
       gboolean        total_shown,
       const gboolean *expected,
       guint           expected_n)
{
  g_autofree gboolean *suppressed = g_new0 (gboolean, n);
  guint i;

  g_assert_cmpuint (abierto_privacy_suppress (counts, suppressed, n, 5, total_shown), ==,
                    expected_n);
  for (i = 0; i < n; i++)
    g_assert_cmpint (suppressed[i], ==, expected[i]);
}

static void
test_small_cells (void)
{
  const guint counts[] = { 12, 4, 1, 7 };
  const gboolean expected[] = { FALSE, TRUE, TRUE, FALSE };

  /* two hidden cells: their sum can be worked out, each one cannot */
  check (counts, G_N_ELEMENTS (counts), TRUE, expected, 2);
}

static void
test_complementary_cell (void)
{
  const guint counts[] = { 12, 3, 9, 0 };
  const gboolean with_total[] = { FALSE, TRUE, TRUE, FALSE };
  const gboolean without_total[] = { FALSE, TRUE, FALSE, FALSE };
  guint total = 0, shown = 0, i;
  g_autofree gboolean *suppressed = g_new0 (gboolean, G_N_ELEMENTS (counts));

  /* total 24 printed: 24 - 12 - 9 - 0 would give the 3 away, so the
   * smallest other person count (9, not the zero) is hidden too */
  check (counts, G_N_ELEMENTS (counts), TRUE, with_total, 2);
  check (counts, G_N_ELEMENTS (counts), FALSE, without_total, 1);

  /* what a reader can work out from the total is a sum of two cells */
  abierto_privacy_suppress (counts, suppressed, G_N_ELEMENTS (counts), 5, TRUE);
  for (i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      total += counts[i];
      if (!suppressed[i])
        shown += counts[i];
    }
  g_assert_cmpuint (total - shown, ==, 12);
}

static void
test_zero_and_threshold (void)
{
  const guint counts[] = { 0, 5, 5 };
  const gboolean expected[] = { FALSE, FALSE, FALSE };
  gboolean suppressed[1];
  guint one = 1;

  check (counts, G_N_ELEMENTS (counts), TRUE, expected, 0);

  /* a threshold below 2 would print a single person: 2 is the floor */
  g_assert_cmpuint (abierto_privacy_suppress (&one, suppressed, 1, 0, FALSE), ==, 1);
  g_assert_true (suppressed[0]);
  g_assert_cmpuint (abierto_privacy_suppress (NULL, NULL, 0, 5, TRUE), ==, 0);

  g_assert_true (abierto_privacy_total_is_shown (0, 5));
  g_assert_false (abierto_privacy_total_is_shown (4, 5));
  g_assert_true (abierto_privacy_total_is_shown (5, 5));
  g_assert_false (abierto_privacy_total_is_shown (1, 1));
}

/* Breakdowns */

/* @cells as "value=count" (or "value=hidden"), with a letter for the
 * kind of each: "a" an answer, "o" the other answers, "n" not recorded */
static char *
describe (GPtrArray *cells)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < cells->len; i++)
    {
      AbiertoPrivacyCell *cell = g_ptr_array_index (cells, i);
      const char *kind = cell->kind == ABIERTO_PRIVACY_CELL_ANSWER ? "a"
                         : cell->kind == ABIERTO_PRIVACY_CELL_OTHER ? "o" : "n";

      if (i > 0)
        g_string_append (out, "; ");
      if (cell->suppressed)
        g_string_append_printf (out, "%s:%s=hidden", kind, cell->value);
      else
        g_string_append_printf (out, "%s:%s=%u", kind, cell->value, cell->count);
    }

  return g_string_free (out, FALSE);
}

static void
add_many (AbiertoPrivacyTally *tally,
          const char          *answer,
          guint                n)
{
  guint i;

  for (i = 0; i < n; i++)
    abierto_privacy_tally_add (tally, answer);
}

static void
test_age_bands (void)
{
  g_autoptr(AbiertoPrivacyTally) tally = abierto_privacy_tally_new ();
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;

  none = abierto_privacy_tally_dup_age_bands (tally);
  empty = describe (none);
  g_assert_cmpstr (empty, ==, "n:Not recorded=0");

  /* by the first age, not as text; then by name; a single person too,
   * since an age band does not name anybody */
  add_many (tally, "80+", 1);
  add_many (tally, "10-14", 2);
  add_many (tally, " 5-9 ", 3);
  add_many (tally, "60-69", 6);
  add_many (tally, "Sin dato", 5);
  add_many (tally, "Sin rango", 1);
  add_many (tally, "  ", 1);
  add_many (tally, NULL, 1);
  add_many (tally, "", 1);
  cells = abierto_privacy_tally_dup_age_bands (tally);
  text = describe (cells);
  g_assert_cmpstr (text, ==,
                   "a:5-9=3; a:10-14=2; a:60-69=6; a:80+=1; a:Sin dato=5; a:Sin rango=1; "
                   "n:Not recorded=3");
}

static void
test_genders (void)
{
  g_autoptr(AbiertoPrivacyTally) tally = abierto_privacy_tally_new ();
  g_autoptr(GPtrArray) by_name = NULL;
  g_autoptr(GPtrArray) by_count = NULL;
  g_autoptr(GPtrArray) few = NULL;
  g_autofree char *name_text = NULL;
  g_autofree char *count_text = NULL;
  g_autofree char *few_text = NULL;

  /* one answer, written as it was first met */
  add_many (tally, "mujer", 3);
  add_many (tally, "MUJER ", 2);
  add_many (tally, " Mujer", 1);
  add_many (tally, "Hombre", 9);
  add_many (tally, "Agénero", 6);
  add_many (tally, "No binaria", 1);
  add_many (tally, "Queer", 2);

  /* rare answers together: 1 + 2, never named */
  by_name = abierto_privacy_tally_dup_genders (tally, 5, ABIERTO_PRIVACY_ORDER_NAME);
  name_text = describe (by_name);
  g_assert_cmpstr (name_text, ==,
                   "a:Agénero=6; a:Hombre=9; a:mujer=6; o:Other answers=3; n:Not recorded=0");

  by_count = abierto_privacy_tally_dup_genders (tally, 5, ABIERTO_PRIVACY_ORDER_COUNT);
  count_text = describe (by_count);
  g_assert_cmpstr (count_text, ==,
                   "a:Hombre=9; a:Agénero=6; a:mujer=6; o:Other answers=3; n:Not recorded=0");

  /* no rare answer, no cell for them; a threshold below 2 is 2 */
  g_clear_pointer (&tally, abierto_privacy_tally_free);
  tally = abierto_privacy_tally_new ();
  add_many (tally, "Mujer", 2);
  add_many (tally, NULL, 1);
  few = abierto_privacy_tally_dup_genders (tally, 0, ABIERTO_PRIVACY_ORDER_NAME);
  few_text = describe (few);
  g_assert_cmpstr (few_text, ==, "a:Mujer=2; n:Not recorded=1");
  g_clear_pointer (&few, g_ptr_array_unref);
  g_clear_pointer (&few_text, g_free);

  add_many (tally, "X", 1);
  few = abierto_privacy_tally_dup_genders (tally, 1, ABIERTO_PRIVACY_ORDER_NAME);
  few_text = describe (few);
  g_assert_cmpstr (few_text, ==, "a:Mujer=2; o:Other answers=1; n:Not recorded=1");
}

static void
test_merge_and_suppress (void)
{
  g_autoptr(AbiertoPrivacyTally) tally = abierto_privacy_tally_new ();
  g_autoptr(GPtrArray) cells = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *alone = NULL;
  AbiertoPrivacyCell *cell;

  /* written by someone as a band: it joins the people with none, where
   * it stands, under the spelling met first */
  add_many (tally, "60-69", 12);
  add_many (tally, "not recorded", 2);
  add_many (tally, "70-79", 9);
  add_many (tally, NULL, 1);
  cells = abierto_privacy_tally_dup_age_bands (tally);
  abierto_privacy_cells_merge (cells);
  merged = describe (cells);
  g_assert_cmpstr (merged, ==, "a:60-69=12; a:70-79=9; a:not recorded=3");

  /* a lone hidden cell takes the smallest other one with it when the
   * total is shown; a hidden count is not there to be read */
  g_assert_cmpuint (abierto_privacy_cells_suppress (cells, 5, TRUE), ==, 2);
  hidden = describe (cells);
  g_assert_cmpstr (hidden, ==, "a:60-69=12; a:70-79=hidden; a:not recorded=hidden");
  cell = g_ptr_array_index (cells, 1);
  g_assert_cmpuint (cell->count, ==, 0);

  g_clear_pointer (&cells, g_ptr_array_unref);
  cells = abierto_privacy_tally_dup_age_bands (tally);
  abierto_privacy_cells_merge (cells);
  g_assert_cmpuint (abierto_privacy_cells_suppress (cells, 5, FALSE), ==, 1);
  alone = describe (cells);
  g_assert_cmpstr (alone, ==, "a:60-69=12; a:70-79=9; a:not recorded=hidden");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/privacy/small-cells", test_small_cells);
  g_test_add_func ("/privacy/complementary-cell", test_complementary_cell);
  g_test_add_func ("/privacy/zero-and-threshold", test_zero_and_threshold);
  g_test_add_func ("/privacy/breakdown/age-bands", test_age_bands);
  g_test_add_func ("/privacy/breakdown/genders", test_genders);
  g_test_add_func ("/privacy/breakdown/merge-and-suppress", test_merge_and_suppress);

  return g_test_run ();
}
