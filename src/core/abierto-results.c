/* abierto-results.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "abierto-results-private.h"

typedef struct
{
  AbiertoResultRow row;     /* what callers see */
  gint64           n_rows;  /* vote rows */
  gint64           sum;     /* sum of their values */
  gint64           borda;
  guint            order;   /* position among the proposals, for stable output */
} Entry;

struct _AbiertoResults
{
  GObject        parent_instance;

  gint64         round_id;
  AbiertoMethod  method;
  guint          dots;
  guint          points;
  guint          n_voters;
  GArray        *entries;     /* of Entry, owned */
  GHashTable    *by_id;       /* proposal id → index + 1 in entries */
  GStrv          ties;        /* owned, NULL until finished */
};

G_DEFINE_FINAL_TYPE (AbiertoResults, abierto_results, G_TYPE_OBJECT)

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->row.proposal_uuid, g_free);
  g_clear_pointer (&entry->row.label, g_free);
}

static void
abierto_results_finalize (GObject *object)
{
  AbiertoResults *self = (AbiertoResults *)object;

  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->ties, g_strfreev);

  G_OBJECT_CLASS (abierto_results_parent_class)->finalize (object);
}

static void
abierto_results_class_init (AbiertoResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = abierto_results_finalize;
}

static void
abierto_results_init (AbiertoResults *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, clear_entry);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

AbiertoResults *
_abierto_results_new (gint64        round_id,
                      AbiertoMethod method,
                      guint         dots,
                      guint         points)
{
  AbiertoResults *self = g_object_new (ABIERTO_TYPE_RESULTS, NULL);

  self->round_id = round_id;
  self->method = method;
  self->dots = dots;
  self->points = CLAMP (points, 3, 5);

  return self;
}

void
_abierto_results_add_proposal (AbiertoResults *self,
                               gint64          proposal_id,
                               const char     *uuid,
                               const char     *label)
{
  Entry entry = { 0 };

  g_assert (self->ties == NULL);

  entry.row.proposal_id = proposal_id;
  entry.row.proposal_uuid = g_strdup (uuid);
  entry.row.label = g_strdup (label);
  entry.order = self->entries->len;
  g_array_append_val (self->entries, entry);
  g_hash_table_insert (self->by_id, g_memdup2 (&proposal_id, sizeof proposal_id),
                       GUINT_TO_POINTER (self->entries->len));
}

gboolean
_abierto_results_add_count (AbiertoResults *self,
                            gint64          proposal_id,
                            gint64          value,
                            gint64          n_rows)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, &proposal_id));
  gint64 n_candidates = self->entries->len;
  Entry *entry;

  /* votes for a proposal merged away or not in the session: not counted */
  if (index == 0)
    return FALSE;

  entry = &g_array_index (self->entries, Entry, index - 1);
  entry->n_rows += n_rows;
  entry->sum += value * n_rows;

  switch (self->method)
    {
    case ABIERTO_METHOD_SCALE:
      if (value >= 1 && value <= self->points)
        entry->row.distribution[value - 1] += (guint) n_rows;
      break;

    case ABIERTO_METHOD_RANKING:
      /* Borda: with n proposals, first place is worth n - 1 points, the
       * last one 0; proposals a ballot leaves out get nothing from it. */
      if (value >= 1 && value <= n_candidates)
        entry->borda += (n_candidates - value) * n_rows;
      if (value == 1)
        entry->row.first_prefs += (guint) n_rows;
      break;

    case ABIERTO_METHOD_DOT:
    case ABIERTO_METHOD_APPROVAL:
    case ABIERTO_METHOD_TALLY:
    default:
      break;
    }

  return TRUE;
}

void
_abierto_results_set_n_voters (AbiertoResults *self,
                               guint           n_voters)
{
  self->n_voters = n_voters;
}

/* Comparisons: the primary score, then the method's tie-break. Negative
 * when @a ranks before @b. Means of a scale are compared as fractions so
 * that equal means are exactly equal. */
static int
compare_primary (AbiertoMethod  method,
                 const Entry   *a,
                 const Entry   *b)
{
  switch (method)
    {
    case ABIERTO_METHOD_SCALE:
      {
        /* sum_a / n_a vs sum_b / n_b, with 0 for no ratings */
        gint64 lhs = a->n_rows > 0 ? a->sum * MAX (b->n_rows, 1) : 0;
        gint64 rhs = b->n_rows > 0 ? b->sum * MAX (a->n_rows, 1) : 0;

        if (a->n_rows == 0 || b->n_rows == 0)
          {
            lhs = a->n_rows > 0 ? 1 : 0;
            rhs = b->n_rows > 0 ? 1 : 0;
            if (lhs == rhs)
              return 0;
            return lhs > rhs ? -1 : 1;
          }
        return (lhs > rhs) ? -1 : (lhs < rhs) ? 1 : 0;
      }

    case ABIERTO_METHOD_RANKING:
      return (a->borda > b->borda) ? -1 : (a->borda < b->borda) ? 1 : 0;

    case ABIERTO_METHOD_APPROVAL:
      return (a->n_rows > b->n_rows) ? -1 : (a->n_rows < b->n_rows) ? 1 : 0;

    case ABIERTO_METHOD_DOT:
    case ABIERTO_METHOD_TALLY:
    default:
      return (a->sum > b->sum) ? -1 : (a->sum < b->sum) ? 1 : 0;
    }
}

static int
compare_secondary (AbiertoMethod  method,
                   const Entry   *a,
                   const Entry   *b)
{
  switch (method)
    {
    case ABIERTO_METHOD_RANKING:
      return (a->row.first_prefs > b->row.first_prefs) ? -1
             : (a->row.first_prefs < b->row.first_prefs) ? 1 : 0;

    case ABIERTO_METHOD_SCALE:
      return (a->row.median > b->row.median) ? -1 : (a->row.median < b->row.median) ? 1 : 0;

    case ABIERTO_METHOD_DOT:
    case ABIERTO_METHOD_APPROVAL:
    case ABIERTO_METHOD_TALLY:
    default:
      return 0;
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  AbiertoMethod method = GPOINTER_TO_INT (user_data);
  const Entry *ea = a;
  const Entry *eb = b;
  int cmp;

  if ((cmp = compare_primary (method, ea, eb)) != 0)
    return cmp;
  if ((cmp = compare_secondary (method, ea, eb)) != 0)
    return cmp;

  return (ea->order > eb->order) - (ea->order < eb->order);
}

static double
median_of (const guint *distribution,
           guint        points,
           gint64       n)
{
  gint64 lo_pos = (n + 1) / 2;      /* 1-based positions of the middle */
  gint64 hi_pos = n / 2 + 1;
  gint64 seen = 0;
  double lo = 0, hi = 0;
  guint i;

  if (n == 0)
    return 0;

  for (i = 0; i < points; i++)
    {
      gint64 before = seen;

      seen += distribution[i];
      if (lo_pos > before && lo_pos <= seen)
        lo = i + 1;
      if (hi_pos > before && hi_pos <= seen)
        hi = i + 1;
    }

  return (n % 2 == 1) ? lo : (lo + hi) / 2.0;
}

/* "7 dots", "3 approvals", "an average of 4.5" … for a sentence. */
static char *
describe_score (AbiertoResults *self,
                const Entry    *entry)
{
  gint64 value;

  switch (self->method)
    {
    case ABIERTO_METHOD_SCALE:
      return g_strdup_printf (_("an average rating of %.2f"), entry->row.mean);

    case ABIERTO_METHOD_RANKING:
      value = entry->borda;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld Borda point",
                                           "%lld Borda points", value), (long long) value);

    case ABIERTO_METHOD_APPROVAL:
      value = entry->n_rows;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld approval",
                                           "%lld approvals", value), (long long) value);

    case ABIERTO_METHOD_TALLY:
      value = entry->sum;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld raised hand",
                                           "%lld raised hands", value), (long long) value);

    case ABIERTO_METHOD_DOT:
    default:
      value = entry->sum;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld dot",
                                           "%lld dots", value), (long long) value);
    }
}

/* “A”, “B” and “C” */
static char *
join_labels (Entry *entries,
             guint  first,
             guint  last)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint i;

  for (i = first; i <= last; i++)
    {
      if (i > first)
        g_string_append (out, i == last ? _(" and ") : ", ");
      g_string_append_printf (out, "“%s”", entries[i].row.label);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
explain_ties (AbiertoResults *self,
              GPtrArray      *ties)
{
  Entry *entries = (Entry *) (void *) self->entries->data;
  guint n = self->entries->len;
  guint i = 0;

  while (i < n)
    {
      g_autofree char *score = NULL;
      g_autofree char *names = NULL;
      guint j = i;
      guint k;

      while (j + 1 < n && compare_primary (self->method, &entries[i], &entries[j + 1]) == 0)
        j++;

      /* Nothing to explain for a single proposal, or for several that got
       * no vote at all. */
      if (j == i || entries[i].n_rows == 0)
        {
          i = j + 1;
          continue;
        }

      score = describe_score (self, &entries[i]);
      names = join_labels (entries, i, j);

      if (compare_secondary (self->method, &entries[i], &entries[j]) == 0)
        {
          /* nothing breaks it: a shared place */
          g_ptr_array_add (ties,
                           g_strdup_printf (_("Tie for place %u: %s have %s each. They share "
                                              "the place; the group can decide between them, "
                                              "for example with a new round."),
                                            entries[i].row.rank, names, score));
        }
      else if (self->method == ABIERTO_METHOD_RANKING)
        {
          g_autoptr(GString) detail = g_string_new (NULL);

          for (k = i; k <= j; k++)
            g_string_append_printf (detail, "%s“%s”: %u", k > i ? ", " : "",
                                    entries[k].row.label, entries[k].row.first_prefs);
          g_ptr_array_add (ties,
                           g_strdup_printf (_("%s have %s each. The tie is broken by how many "
                                              "people put each one first (%s)."),
                                            names, score, detail->str));
        }
      else
        {
          g_autoptr(GString) detail = g_string_new (NULL);

          for (k = i; k <= j; k++)
            g_string_append_printf (detail, "%s“%s”: %.1f", k > i ? ", " : "",
                                    entries[k].row.label, entries[k].row.median);
          g_ptr_array_add (ties,
                           g_strdup_printf (_("%s have %s each. The tie is broken by the middle "
                                              "rating, the median (%s)."),
                                            names, score, detail->str));
        }

      /* Proposals still level after the tie-break share a place too. */
      if (compare_secondary (self->method, &entries[i], &entries[j]) != 0)
        {
          for (k = i; k <= j;)
            {
              guint m = k;

              while (m + 1 <= j && compare_secondary (self->method, &entries[k], &entries[m + 1]) == 0)
                m++;
              if (m > k)
                {
                  g_autofree char *still = join_labels (entries, k, m);

                  g_ptr_array_add (ties,
                                   g_strdup_printf (_("%s are still level after that and share "
                                                      "place %u."),
                                                    still, entries[k].row.rank));
                }
              k = m + 1;
            }
        }

      i = j + 1;
    }
}

void
_abierto_results_finish (AbiertoResults *self)
{
  g_autoptr(GPtrArray) ties = g_ptr_array_new_with_free_func (g_free);
  Entry *entries;
  guint n = self->entries->len;
  guint i;

  g_assert (self->ties == NULL);

  entries = (Entry *) (void *) self->entries->data;
  for (i = 0; i < n; i++)
    {
      Entry *e = &entries[i];

      e->row.votes = (guint) MIN (e->n_rows, G_MAXUINT);
      switch (self->method)
        {
        case ABIERTO_METHOD_SCALE:
          e->row.mean = e->n_rows > 0 ? (double) e->sum / (double) e->n_rows : 0;
          e->row.median = median_of (e->row.distribution, self->points, e->n_rows);
          e->row.score = e->row.mean;
          break;

        case ABIERTO_METHOD_RANKING:
          e->row.score = (double) e->borda;
          break;

        case ABIERTO_METHOD_APPROVAL:
          e->row.score = (double) e->n_rows;
          break;

        case ABIERTO_METHOD_TALLY:
          e->row.score = (double) e->sum;
          e->row.votes = (guint) MIN (e->sum, G_MAXUINT);
          self->n_voters += e->row.votes;
          break;

        case ABIERTO_METHOD_DOT:
        default:
          e->row.score = (double) e->sum;
          break;
        }
    }

  g_array_sort_with_data (self->entries, compare_entries, GINT_TO_POINTER (self->method));

  /* competition ranking: 1, 1, 3 */
  for (i = 0; i < n; i++)
    {
      if (i > 0
          && compare_primary (self->method, &entries[i - 1], &entries[i]) == 0
          && compare_secondary (self->method, &entries[i - 1], &entries[i]) == 0)
        entries[i].row.rank = entries[i - 1].row.rank;
      else
        entries[i].row.rank = i + 1;
    }

  /* the lookup table pointed into the unsorted order */
  g_hash_table_remove_all (self->by_id);

  explain_ties (self, ties);
  g_ptr_array_add (ties, NULL);
  self->ties = (GStrv) g_ptr_array_steal (ties, NULL);
}

gint64
abierto_results_get_round_id (AbiertoResults *self)
{
  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), 0);

  return self->round_id;
}

AbiertoMethod
abierto_results_get_method (AbiertoResults *self)
{
  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), ABIERTO_METHOD_DOT);

  return self->method;
}

guint
abierto_results_get_dots (AbiertoResults *self)
{
  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), 0);

  return self->dots;
}

guint
abierto_results_get_points (AbiertoResults *self)
{
  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), 0);

  return self->points;
}

guint
abierto_results_get_n_voters (AbiertoResults *self)
{
  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), 0);

  return self->n_voters;
}

guint
abierto_results_get_n_rows (AbiertoResults *self)
{
  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), 0);

  return self->entries->len;
}

const AbiertoResultRow *
abierto_results_get_row (AbiertoResults *self,
                         guint           index)
{
  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return &g_array_index (self->entries, Entry, index).row;
}

const char * const *
abierto_results_get_ties (AbiertoResults *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), none);

  return self->ties != NULL ? (const char * const *) self->ties : none;
}

AbiertoResults *
abierto_results_dup_top (AbiertoResults *self,
                         guint           n_rows)
{
  AbiertoResults *copy;
  guint i;

  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), NULL);

  copy = _abierto_results_new (self->round_id, self->method, self->dots, self->points);
  copy->n_voters = self->n_voters;
  for (i = 0; i < MIN (n_rows, self->entries->len); i++)
    {
      Entry entry = g_array_index (self->entries, Entry, i);

      entry.row.proposal_uuid = g_strdup (entry.row.proposal_uuid);
      entry.row.label = g_strdup (entry.row.label);
      g_array_append_val (copy->entries, entry);
    }
  copy->ties = g_strdupv (self->ties);

  return copy;
}

/* Output */

static gboolean
method_has_integer_score (AbiertoMethod method)
{
  return method != ABIERTO_METHOD_SCALE;
}

JsonNode *
abierto_results_to_json (AbiertoResults *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint i;

  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "round");
  json_builder_add_int_value (builder, self->round_id);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, abierto_method_to_string (self->method));
  if (self->method == ABIERTO_METHOD_DOT)
    {
      json_builder_set_member_name (builder, "dots_per_person");
      json_builder_add_int_value (builder, self->dots);
    }
  if (self->method == ABIERTO_METHOD_SCALE)
    {
      json_builder_set_member_name (builder, "points");
      json_builder_add_int_value (builder, self->points);
    }
  json_builder_set_member_name (builder, self->method == ABIERTO_METHOD_TALLY ? "hands" : "voters");
  json_builder_add_int_value (builder, self->n_voters);

  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (i = 0; i < self->entries->len; i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (self, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rank");
      json_builder_add_int_value (builder, row->rank);
      json_builder_set_member_name (builder, "proposal");
      json_builder_add_int_value (builder, row->proposal_id);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, row->proposal_uuid);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, row->label);
      json_builder_set_member_name (builder, "score");
      if (method_has_integer_score (self->method))
        json_builder_add_int_value (builder, (gint64) row->score);
      else
        json_builder_add_double_value (builder, row->score);
      json_builder_set_member_name (builder, "votes");
      json_builder_add_int_value (builder, row->votes);

      if (self->method == ABIERTO_METHOD_RANKING)
        {
          json_builder_set_member_name (builder, "first_preferences");
          json_builder_add_int_value (builder, row->first_prefs);
        }
      else if (self->method == ABIERTO_METHOD_SCALE)
        {
          guint p;

          json_builder_set_member_name (builder, "mean");
          json_builder_add_double_value (builder, row->mean);
          json_builder_set_member_name (builder, "median");
          json_builder_add_double_value (builder, row->median);
          json_builder_set_member_name (builder, "distribution");
          json_builder_begin_array (builder);
          for (p = 0; p < self->points; p++)
            json_builder_add_int_value (builder, row->distribution[p]);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "ties");
  json_builder_begin_array (builder);
  for (i = 0; self->ties != NULL && self->ties[i] != NULL; i++)
    json_builder_add_string_value (builder, self->ties[i]);
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* RFC 4180: quote a field that holds a comma, a quote or a line break. */
static void
append_csv_field (GString    *out,
                  const char *field)
{
  const char *p;

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_number (GString *out,
               double   value,
               gboolean integer)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (integer)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4g", value));
}

char *
abierto_results_to_csv (AbiertoResults *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean integer;
  guint i, p;

  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), NULL);

  integer = method_has_integer_score (self->method);

  /* column names are part of the open-data format: not translated */
  g_string_append (out, "rank,proposal_id,proposal_uuid,label,score,votes");
  if (self->method == ABIERTO_METHOD_RANKING)
    g_string_append (out, ",first_preferences");
  if (self->method == ABIERTO_METHOD_SCALE)
    {
      g_string_append (out, ",mean,median");
      for (p = 1; p <= self->points; p++)
        g_string_append_printf (out, ",rated_%u", p);
    }
  g_string_append (out, "\r\n");

  for (i = 0; i < self->entries->len; i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (self, i);

      g_string_append_printf (out, "%u,%" G_GINT64_FORMAT ",%s,", row->rank, row->proposal_id,
                              row->proposal_uuid);
      append_csv_field (out, row->label);
      g_string_append_c (out, ',');
      append_number (out, row->score, integer);
      g_string_append_printf (out, ",%u", row->votes);
      if (self->method == ABIERTO_METHOD_RANKING)
        g_string_append_printf (out, ",%u", row->first_prefs);
      if (self->method == ABIERTO_METHOD_SCALE)
        {
          g_string_append_c (out, ',');
          append_number (out, row->mean, FALSE);
          g_string_append_c (out, ',');
          append_number (out, row->median, FALSE);
          for (p = 0; p < self->points; p++)
            g_string_append_printf (out, ",%u", row->distribution[p]);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
abierto_results_to_text (AbiertoResults *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint i;

  g_return_val_if_fail (ABIERTO_IS_RESULTS (self), NULL);

  g_string_append_printf (out, _("Round %lld: %s"), (long long) self->round_id,
                          abierto_method_get_label (self->method));
  if (self->method == ABIERTO_METHOD_DOT)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " (%u dot per person)",
                                              " (%u dots per person)", self->dots), self->dots);
  else if (self->method == ABIERTO_METHOD_SCALE)
    g_string_append_printf (out, _(" (%u points)"), self->points);
  g_string_append (out, "\n");

  if (self->method == ABIERTO_METHOD_TALLY)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u raised hand\n",
                                              "%u raised hands\n", self->n_voters), self->n_voters);
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u person voted\n",
                                              "%u people voted\n", self->n_voters), self->n_voters);

  for (i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);
      g_autofree char *score = describe_score (self, entry);

      g_string_append_printf (out, "%3u. %s — %s", entry->row.rank, entry->row.label, score);
      if (self->method == ABIERTO_METHOD_RANKING)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, ", %u first place",
                                                  ", %u first places", entry->row.first_prefs),
                                entry->row.first_prefs);
      else if (self->method == ABIERTO_METHOD_SCALE)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, ", median %.1f, %u rating",
                                                  ", median %.1f, %u ratings", entry->row.votes),
                                entry->row.median, entry->row.votes);
      g_string_append_c (out, '\n');
    }

  for (i = 0; self->ties != NULL && self->ties[i] != NULL; i++)
    g_string_append_printf (out, "%s\n", self->ties[i]);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
