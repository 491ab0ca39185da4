/* abierto-privacy.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

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

char *
abierto_privacy_dup_default_notice (void)
{
  /* One paragraph per question the law asks the notice to answer, so
   * that each stays a short sentence or two in plain words. */
  const char *paragraphs[] = {
    _("Simplified privacy notice"),
    _("Who is responsible for your data: the institution that organises this workshop, "
      "through the people who facilitate it."),
    _("What we record: a nickname you choose, never your full name; your age range and your "
      "gender, only if you want to give them; your proposals and your votes; and who gave "
      "consent (you, or your mother, father or guardian if you are a child) and on what "
      "date."),
    _("What for: to count the votes and to publish the results of the workshop, so that "
      "the institutions can answer your proposals. What is published never shows your "
      "nickname or anything else that identifies you, and groups of fewer than five people "
      "are not shown."),
    _("Your rights (ARCO): you can ask to see your data (access), to correct it "
      "(rectification), to have it erased (cancellation) or to keep it out of everything "
      "that is published (opposition). Ask the people who facilitate the workshop, at any "
      "time. If you ask to erase your data, your votes still count, but without your name "
      "or your nickname."),
    NULL
  };

  return g_strjoinv ("\n\n", (char **) paragraphs);
}
