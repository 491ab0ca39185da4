/* abierto-privacy.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

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

/* Breakdowns */

typedef struct
{
  char  *key;    /* casefolded, or NULL for no answer */
  char  *value;  /* the first spelling met, trimmed; NULL for no answer */
  guint  count;
} Answer;

struct _AbiertoPrivacyTally
{
  GPtrArray *answers;  /* Answer, in the order first met */
};

static void
answer_free (gpointer data)
{
  Answer *answer = data;

  g_free (answer->key);
  g_free (answer->value);
  g_free (answer);
}

/* "Mujer", "mujer " and "MUJER" count as one */
static char *
dup_key (const char *value)
{
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (value));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    return NULL;

  return g_utf8_casefold (stripped, -1);
}

AbiertoPrivacyTally *
abierto_privacy_tally_new (void)
{
  AbiertoPrivacyTally *tally = g_new0 (AbiertoPrivacyTally, 1);

  tally->answers = g_ptr_array_new_with_free_func (answer_free);
  return tally;
}

void
abierto_privacy_tally_free (AbiertoPrivacyTally *tally)
{
  if (tally == NULL)
    return;

  g_ptr_array_unref (tally->answers);
  g_free (tally);
}

void
abierto_privacy_tally_add (AbiertoPrivacyTally *tally,
                           const char          *answer)
{
  g_autofree char *key = dup_key (answer);
  Answer *item;
  guint i;

  g_return_if_fail (tally != NULL);

  for (i = 0; i < tally->answers->len; i++)
    {
      item = g_ptr_array_index (tally->answers, i);
      if (g_strcmp0 (item->key, key) == 0)
        {
          item->count++;
          return;
        }
    }

  item = g_new0 (Answer, 1);
  item->key = g_steal_pointer (&key);
  item->value = item->key != NULL ? g_strstrip (g_strdup (answer)) : NULL;
  item->count = 1;
  g_ptr_array_add (tally->answers, item);
}

static void
cell_free (gpointer data)
{
  AbiertoPrivacyCell *cell = data;

  g_free (cell->value);
  g_free (cell);
}

static void
add_cell (GPtrArray              *cells,
          AbiertoPrivacyCellKind  kind,
          const char             *value,
          guint                   count)
{
  AbiertoPrivacyCell *cell = g_new0 (AbiertoPrivacyCell, 1);

  cell->kind = kind;
  cell->value = g_strdup (value);
  cell->count = count;
  g_ptr_array_add (cells, cell);
}

/* The first number of a band such as "60-69" or "80+"; G_MAXINT for
 * anything else. */
static int
band_start (const char *band)
{
  char *end = NULL;
  long value;

  if (band == NULL || !g_ascii_isdigit (*band))
    return G_MAXINT;

  value = strtol (band, &end, 10);
  return value >= 0 && value < G_MAXINT ? (int) value : G_MAXINT;
}

static int
compare_bands (gconstpointer a,
               gconstpointer b)
{
  const Answer *aa = *(const Answer **) a;
  const Answer *ab = *(const Answer **) b;
  int sa = band_start (aa->value);
  int sb = band_start (ab->value);

  if (sa != sb)
    return sa < sb ? -1 : 1;

  return g_utf8_collate (aa->value, ab->value);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const Answer *aa = *(const Answer **) a;
  const Answer *ab = *(const Answer **) b;

  return g_utf8_collate (aa->value, ab->value);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const Answer *aa = *(const Answer **) a;
  const Answer *ab = *(const Answer **) b;

  if (aa->count != ab->count)
    return aa->count > ab->count ? -1 : 1;

  return g_utf8_collate (aa->value, ab->value);
}

/* The answers of @tally given by @threshold people or more, sorted with
 * @compare, as cells; the people with no answer are counted in
 * @not_recorded, and those with a rarer one in @left_out. */
static GPtrArray *
dup_cells (const AbiertoPrivacyTally *tally,
           guint                      threshold,
           GCompareFunc               compare,
           guint                     *not_recorded,
           guint                     *left_out)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new ();
  GPtrArray *cells = g_ptr_array_new_with_free_func (cell_free);
  guint i;

  *not_recorded = 0;
  *left_out = 0;
  for (i = 0; i < tally->answers->len; i++)
    {
      Answer *answer = g_ptr_array_index (tally->answers, i);

      if (answer->key == NULL)
        *not_recorded += answer->count;
      else if (answer->count < threshold)
        *left_out += answer->count;
      else
        g_ptr_array_add (answers, answer);
    }

  g_ptr_array_sort (answers, compare);
  for (i = 0; i < answers->len; i++)
    {
      Answer *answer = g_ptr_array_index (answers, i);

      add_cell (cells, ABIERTO_PRIVACY_CELL_ANSWER, answer->value, answer->count);
    }

  return cells;
}

GPtrArray *
abierto_privacy_tally_dup_age_bands (const AbiertoPrivacyTally *tally)
{
  GPtrArray *cells;
  guint not_recorded, left_out;

  g_return_val_if_fail (tally != NULL, NULL);

  /* an age band names nobody: every one is shown, whatever its count */
  cells = dup_cells (tally, 0, compare_bands, &not_recorded, &left_out);
  g_assert (left_out == 0);
  add_cell (cells, ABIERTO_PRIVACY_CELL_NOT_RECORDED, _("Not recorded"), not_recorded);

  return cells;
}

GPtrArray *
abierto_privacy_tally_dup_genders (const AbiertoPrivacyTally *tally,
                                   guint                      threshold,
                                   AbiertoPrivacyOrder        order)
{
  GPtrArray *cells;
  guint not_recorded, other;

  g_return_val_if_fail (tally != NULL, NULL);

  threshold = MAX (threshold, ABIERTO_PRIVACY_MIN_THRESHOLD);
  cells = dup_cells (tally, threshold,
                     order == ABIERTO_PRIVACY_ORDER_COUNT ? compare_counts : compare_names,
                     &not_recorded, &other);
  if (other > 0)
    add_cell (cells, ABIERTO_PRIVACY_CELL_OTHER, _("Other answers"), other);
  add_cell (cells, ABIERTO_PRIVACY_CELL_NOT_RECORDED, _("Not recorded"), not_recorded);

  return cells;
}

void
abierto_privacy_cells_merge (GPtrArray *cells)
{
  g_autoptr(GPtrArray) keys = NULL;
  guint i, j;

  g_return_if_fail (cells != NULL);

  keys = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; i < cells->len; )
    {
      AbiertoPrivacyCell *cell = g_ptr_array_index (cells, i);
      char *key = dup_key (cell->value);

      for (j = 0; j < keys->len; j++)
        if (g_strcmp0 (g_ptr_array_index (keys, j), key) == 0)
          break;

      if (j < keys->len)
        {
          AbiertoPrivacyCell *first = g_ptr_array_index (cells, j);

          first->count += cell->count;
          g_ptr_array_remove_index (cells, i);
          g_free (key);
          continue;
        }

      g_ptr_array_add (keys, key);
      i++;
    }
}

guint
abierto_privacy_cells_suppress (GPtrArray *cells,
                                guint      threshold,
                                gboolean   total_shown)
{
  g_autofree guint *counts = NULL;
  g_autofree gboolean *suppressed = NULL;
  guint n_suppressed;
  guint i;

  g_return_val_if_fail (cells != NULL, 0);

  counts = g_new0 (guint, MAX (cells->len, 1));
  suppressed = g_new0 (gboolean, MAX (cells->len, 1));
  for (i = 0; i < cells->len; i++)
    counts[i] = ((AbiertoPrivacyCell *) g_ptr_array_index (cells, i))->count;

  n_suppressed = abierto_privacy_suppress (counts, suppressed, cells->len, threshold,
                                           total_shown);

  for (i = 0; i < cells->len; i++)
    {
      AbiertoPrivacyCell *cell = g_ptr_array_index (cells, i);

      /* a suppressed count is never there to be read */
      cell->suppressed = suppressed[i];
      if (cell->suppressed)
        cell->count = 0;
    }

  return n_suppressed;
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
