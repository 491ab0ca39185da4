/* abierto-privacy.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "abierto-privacy.h"

guint
abierto_privacy_suppress (const guint *counts,
                          gboolean    *suppressed,
                          guint        n_cells,
                          guint        threshold,
                          gboolean     total_shown)
{
  guint n_suppressed = 0;
  guint smallest = G_MAXUINT;
  guint i;

  g_return_val_if_fail (n_cells == 0 || (counts != NULL && suppressed != NULL), 0);

  threshold = MAX (threshold, ABIERTO_PRIVACY_MIN_THRESHOLD);

  for (i = 0; i < n_cells; i++)
    {
      suppressed[i] = counts[i] > 0 && counts[i] < threshold;
      if (suppressed[i])
        n_suppressed++;
    }

  if (n_suppressed != 1 || !total_shown)
    return n_suppressed;

  /* total minus the shown cells would give the one hidden cell away:
   * hide the next smallest person count as well. A zero is left shown,
   * since hiding it would not hide anything. */
  for (i = 0; i < n_cells; i++)
    if (!suppressed[i] && counts[i] > 0
        && (smallest == G_MAXUINT || counts[i] < counts[smallest]))
      smallest = i;

  if (smallest != G_MAXUINT)
    {
      suppressed[smallest] = TRUE;
      n_suppressed++;
    }

  return n_suppressed;
}

gboolean
abierto_privacy_total_is_shown (guint count,
                                guint threshold)
{
  threshold = MAX (threshold, ABIERTO_PRIVACY_MIN_THRESHOLD);

  return count == 0 || count >= threshold;
}
