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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/privacy/small-cells", test_small_cells);
  g_test_add_func ("/privacy/complementary-cell", test_complementary_cell);
  g_test_add_func ("/privacy/zero-and-threshold", test_zero_and_threshold);

  return g_test_run ();
}
