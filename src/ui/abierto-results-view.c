/* abierto-results-view.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-chart-area.h"
#include "abierto-projector-window.h"
#include "abierto-results-view.h"
#include "abierto-view-util.h"

/* The results of a round as they come in: the chart report/ draws for the
 * exports too, a table of the same numbers, and why ties are ties. */
struct _AbiertoResultsView
{
  AdwBin            parent_instance;

  /* Owned */
  AbiertoStore     *store;
  AbiertoUndoStack *undo;
  GListModel       *rounds;     /* of AbiertoRound, a snapshot */
  AbiertoResults   *results;    /* of the round on show, or NULL */
  GCancellable     *computing;  /* of the results being counted, or NULL */
  char             *title;      /* of the round on show */
  char             *subtitle;   /* how many voted */

  gint64            session_id;
  gint64            round_id;
  gboolean          updating_rounds;
  GtkWidget        *projector;  /* weak */

  /* Template children, borrowed */
  GtkStack         *stack;
  GtkLabel         *round_label;
  GtkLabel         *voters_label;
  GtkDropDown      *round_dropdown;
  GtkStringList    *round_labels;
  GtkToggleButton  *projector_button;
  AbiertoChartArea *chart_area;
  GtkListBox       *table;
  GtkWidget        *ties_group;
  GtkBox           *ties_box;
};

G_DEFINE_FINAL_TYPE (AbiertoResultsView, abierto_results_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ROUND_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define N_VALUE_COLUMNS 3

/* The columns after rank and proposal, by method; NULL for none. */
static void
get_headings (AbiertoMethod  method,
              const char    *headings[N_VALUE_COLUMNS])
{
  headings[0] = headings[1] = headings[2] = NULL;

  switch (method)
    {
    case ABIERTO_METHOD_DOT:
      headings[0] = _("Dots");
      headings[1] = _("Votes");
      break;
    case ABIERTO_METHOD_APPROVAL:
      headings[0] = _("Approvals");
      break;
    case ABIERTO_METHOD_SCALE:
      headings[0] = _("Mean");
      headings[1] = _("Median");
      headings[2] = _("Ratings");
      break;
    case ABIERTO_METHOD_RANKING:
      headings[0] = _("Points");
      headings[1] = _("First places");
      headings[2] = _("Ballots");
      break;
    case ABIERTO_METHOD_TALLY:
      headings[0] = _("Hands");
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
get_values (AbiertoMethod           method,
            const AbiertoResultRow *row,
            char                   *values[N_VALUE_COLUMNS])
{
  values[0] = values[1] = values[2] = NULL;

  switch (method)
    {
    case ABIERTO_METHOD_DOT:
      values[0] = g_strdup_printf ("%.0f", row->score);
      values[1] = g_strdup_printf ("%u", row->votes);
      break;
    case ABIERTO_METHOD_APPROVAL:
      values[0] = g_strdup_printf ("%.0f", row->score);
      break;
    case ABIERTO_METHOD_SCALE:
      /* An em dash when nobody rated it: no mean, rather than a mean of 0 */
      values[0] = row->votes > 0 ? g_strdup_printf ("%.1f", row->mean) : g_strdup ("—");
      values[1] = row->votes > 0 ? g_strdup_printf ("%.1f", row->median) : g_strdup ("—");
      values[2] = g_strdup_printf ("%u", row->votes);
      break;
    case ABIERTO_METHOD_RANKING:
      values[0] = g_strdup_printf ("%.0f", row->score);
      values[1] = g_strdup_printf ("%u", row->first_prefs);
      values[2] = g_strdup_printf ("%u", row->votes);
      break;
    case ABIERTO_METHOD_TALLY:
      values[0] = g_strdup_printf ("%u", row->votes);
      break;
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
make_cell (const char   *text,
           GtkSizeGroup *group,
           gboolean      heading)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "xalign", 1.0f,
                                   "valign", GTK_ALIGN_CENTER,
                                   "wrap", TRUE,
                                   "justify", GTK_JUSTIFY_RIGHT,
                                   NULL);

  gtk_widget_add_css_class (label, heading ? "caption-heading" : "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "dim-label");
  if (group != NULL)
    gtk_size_group_add_widget (group, label);

  return label;
}

static GtkWidget *
make_table_row (const char   *rank,
                const char   *proposal,
                const char   *values[N_VALUE_COLUMNS],
                GtkSizeGroup *groups[N_VALUE_COLUMNS + 1],
                gboolean      heading)
{
  GtkWidget *row, *box, *label;

  box = g_object_new (GTK_TYPE_BOX,
                      "spacing", 18,
                      "margin-top", heading ? 8 : 12,
                      "margin-bottom", heading ? 8 : 12,
                      "margin-start", 12,
                      "margin-end", 12,
                      NULL);

  label = make_cell (rank, groups[0], heading);
  if (!heading)
    gtk_widget_add_css_class (label, "title-4");
  gtk_box_append (GTK_BOX (box), label);

  /* Proposals are typed by people, and long ones wrap, never cut. */
  label = g_object_new (GTK_TYPE_LABEL,
                        "label", proposal,
                        "xalign", 0.0f,
                        "hexpand", TRUE,
                        "wrap", TRUE,
                        "wrap-mode", PANGO_WRAP_WORD_CHAR,
                        NULL);
  if (heading)
    {
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_box_append (GTK_BOX (box), label);

  for (guint i = 0; i < N_VALUE_COLUMNS; i++)
    if (values[i] != NULL)
      gtk_box_append (GTK_BOX (box), make_cell (values[i], groups[i + 1], heading));

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (heading)
    gtk_widget_set_focusable (row, FALSE);

  return row;
}

static void
abierto_results_view_show_table (AbiertoResultsView *self)
{
  AbiertoMethod method = abierto_results_get_method (self->results);
  const char * const *ties = abierto_results_get_ties (self->results);
  const char *headings[N_VALUE_COLUMNS];
  GtkSizeGroup *groups[N_VALUE_COLUMNS + 1];
  g_autoptr(GHashTable) texts = NULL;
  g_autoptr(GListModel) proposals = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_list_box_remove (self->table, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ties_box))) != NULL)
    gtk_box_remove (self->ties_box, child);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    groups[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  /* The chart cuts long proposals short; the table has room for all. */
  texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  proposals = abierto_store_list_proposals (self->store, self->session_id, NULL);
  for (guint i = 0; proposals != NULL && i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (proposals, i);

      g_hash_table_insert (texts, g_memdup2 (&(gint64) { abierto_proposal_get_id (proposal) },
                                             sizeof (gint64)),
                           g_strdup (abierto_proposal_get_text (proposal)));
    }

  get_headings (method, headings);
  gtk_list_box_append (self->table, make_table_row (_("Rank"), _("Proposal"), headings, groups,
                                                    TRUE));

  for (guint i = 0; i < abierto_results_get_n_rows (self->results); i++)
    {
      const AbiertoResultRow *result = abierto_results_get_row (self->results, i);
      guint n_rows = abierto_results_get_n_rows (self->results);
      gboolean tied = (i > 0
                       && abierto_results_get_row (self->results, i - 1)->rank == result->rank)
                      || (i + 1 < n_rows
                          && abierto_results_get_row (self->results, i + 1)->rank == result->rank);
      /* “=1” for a shared place, as on the chart */
      g_autofree char *rank = g_strdup_printf (tied ? "=%u" : "%u", result->rank);
      g_autofree char *accessible = NULL;
      g_autoptr(GString) summary = g_string_new (NULL);
      const char *text = g_hash_table_lookup (texts, &result->proposal_id);
      char *values[N_VALUE_COLUMNS];
      GtkWidget *row;

      if (text == NULL)
        text = result->label;
      get_values (method, result, values);
      row = make_table_row (rank, text, (const char **) values, groups, FALSE);

      /* Read as one sentence: “Rank 1: Parque. Dots 12, Votes 5” */
      for (guint j = 0; j < N_VALUE_COLUMNS; j++)
        if (values[j] != NULL)
          g_string_append_printf (summary, "%s%s %s", summary->len > 0 ? ", " : "",
                                  headings[j], values[j]);
      /* Translators: a row of the results table for screen readers */
      accessible = g_strdup_printf (_("Rank %u: %s. %s"), result->rank, text, summary->str);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_list_box_append (self->table, row);

      for (guint j = 0; j < N_VALUE_COLUMNS; j++)
        g_free (values[j]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_object_unref (groups[i]);

  for (guint i = 0; ties != NULL && ties[i] != NULL; i++)
    {
      GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                       "label", ties[i],
                                       "xalign", 0.0f,
                                       "wrap", TRUE,
                                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                       NULL);

      gtk_box_append (self->ties_box, label);
    }
  gtk_widget_set_visible (self->ties_group, ties != NULL && ties[0] != NULL);
}

static void
abierto_results_view_update_projector (AbiertoResultsView *self)
{
  if (self->projector != NULL)
    abierto_projector_window_set_results (ABIERTO_PROJECTOR_WINDOW (self->projector),
                                          self->results, self->title, self->subtitle);
}

static void abierto_results_view_show (AbiertoResultsView *self,
                                       AbiertoResults     *results);

static void
results_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AbiertoResultsView *self = user_data;
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GError) error = NULL;

  results = abierto_store_compute_results_finish (ABIERTO_STORE (source), result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&self->computing);
      if (results == NULL)
        abierto_show_toast (GTK_WIDGET (self), error->message);
      if (self->stack != NULL)
        abierto_results_view_show (self, results);
    }

  g_object_unref (self);
}

/* Counting a round of many votes takes a while: core counts in a worker,
 * and the chart shows the previous count until the new one is ready. The
 * latest request wins. */
static void
abierto_results_view_recompute (AbiertoResultsView *self)
{
  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);

  if (self->round_id == 0 || self->store == NULL)
    {
      abierto_results_view_show (self, NULL);
      return;
    }

  self->computing = g_cancellable_new ();
  abierto_store_compute_results_async (self->store, self->round_id, self->computing,
                                       results_ready_cb, g_object_ref (self));
}

/**
 * abierto_results_view_get_computing:
 * @self: a results view
 *
 * Returns: whether results are being counted
 */
gboolean
abierto_results_view_get_computing (AbiertoResultsView *self)
{
  g_return_val_if_fail (ABIERTO_IS_RESULTS_VIEW (self), FALSE);

  return self->computing != NULL;
}

static void
abierto_results_view_show (AbiertoResultsView *self,
                           AbiertoResults     *results)
{
  guint voters;

  if (results != NULL)
    g_object_ref (results);
  g_clear_object (&self->results);
  self->results = results;

  if (self->results == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      abierto_chart_area_set_results (self->chart_area, NULL);
      return;
    }

  voters = abierto_results_get_n_voters (self->results);
  g_free (self->subtitle);
  if (abierto_results_get_method (self->results) == ABIERTO_METHOD_TALLY)
    self->subtitle = g_strdup_printf (ngettext ("%u hand counted", "%u hands counted", voters),
                                      voters);
  else
    self->subtitle = g_strdup_printf (ngettext ("%u person voted", "%u people voted", voters),
                                      voters);

  gtk_label_set_label (self->round_label, self->title);
  gtk_label_set_label (self->voters_label, self->subtitle);
  abierto_chart_area_set_results (self->chart_area, self->results);
  abierto_results_view_show_table (self);
  abierto_results_view_update_projector (self);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
abierto_results_view_reload_rounds (AbiertoResultsView *self)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  gint64 chosen = 0;
  guint n, position = 0;

  fresh = abierto_store_list_rounds (self->store, self->session_id, &error);
  if (fresh == NULL)
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  g_set_object (&self->rounds, fresh);
  n = g_list_model_get_n_items (fresh);

  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoRound) round = g_list_model_get_item (fresh, i);

      g_ptr_array_add (labels, abierto_round_dup_label (round, i));
      if (abierto_round_get_id (round) == self->round_id || (chosen == 0 && i == n - 1))
        {
          chosen = abierto_round_get_id (round);
          position = i;
        }
    }
  g_ptr_array_add (labels, NULL);

  self->updating_rounds = TRUE;
  gtk_string_list_splice (self->round_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->round_labels)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->round_dropdown, position);
  self->updating_rounds = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->round_dropdown), n > 1);

  g_free (self->title);
  self->title = n > 0 ? g_strdup (g_ptr_array_index (labels, position)) : NULL;

  if (chosen != self->round_id)
    {
      self->round_id = chosen;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND_ID]);
    }

  abierto_results_view_recompute (self);
}

static void
round_selected_cb (AbiertoResultsView *self)
{
  guint position = gtk_drop_down_get_selected (self->round_dropdown);
  g_autoptr(AbiertoRound) round = NULL;

  if (self->updating_rounds || self->rounds == NULL
      || position >= g_list_model_get_n_items (self->rounds))
    return;

  round = g_list_model_get_item (self->rounds, position);
  abierto_results_view_set_round_id (self, abierto_round_get_id (round));
}

static void
store_changed_cb (AbiertoResultsView *self,
                  const char         *table,
                  gint64              session_id,
                  AbiertoStore       *store)
{
  if (session_id != self->session_id)
    return;

  if (g_strcmp0 (table, "voting_round") == 0)
    abierto_results_view_reload_rounds (self);
  else if (g_strcmp0 (table, "session") != 0)
    abierto_results_view_recompute (self);
}

/* Projector */

static void
projector_destroy_cb (AbiertoResultsView *self)
{
  gtk_toggle_button_set_active (self->projector_button, FALSE);
}

static void
projector_toggled_cb (AbiertoResultsView *self)
{
  gboolean active = gtk_toggle_button_get_active (self->projector_button);

  if (active && self->projector == NULL)
    {
      GtkWidget *window = abierto_projector_window_new ();
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      g_set_weak_pointer (&self->projector, window);
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      g_signal_connect_object (window, "destroy", G_CALLBACK (projector_destroy_cb), self,
                               G_CONNECT_SWAPPED);
      abierto_results_view_update_projector (self);
      gtk_window_fullscreen (GTK_WINDOW (window));
      gtk_window_present (GTK_WINDOW (window));
    }
  else if (!active && self->projector != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self->projector));
    }
}

static gboolean
abierto_results_view_grab_focus (GtkWidget *widget)
{
  AbiertoResultsView *self = ABIERTO_RESULTS_VIEW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") != 0)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->projector_button));
}

/* GObject */

static void
abierto_results_view_dispose (GObject *object)
{
  AbiertoResultsView *self = (AbiertoResultsView *)object;

  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);

  if (self->projector != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->projector, projector_destroy_cb, self);
      gtk_window_destroy (GTK_WINDOW (self->projector));
      g_clear_weak_pointer (&self->projector);
    }

  /* The stack is the bin's child and a template child: unparent it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_RESULTS_VIEW);

  g_clear_object (&self->rounds);
  g_clear_object (&self->results);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (abierto_results_view_parent_class)->dispose (object);
}

static void
abierto_results_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AbiertoResultsView *self = ABIERTO_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROUND_ID:
      g_value_set_int64 (value, self->round_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_results_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AbiertoResultsView *self = ABIERTO_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ROUND_ID:
      abierto_results_view_set_round_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_results_view_class_init (AbiertoResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_results_view_dispose;
  object_class->get_property = abierto_results_view_get_property;
  object_class->set_property = abierto_results_view_set_property;
  widget_class->grab_focus = abierto_results_view_grab_focus;

  /**
   * AbiertoResultsView:round-id:
   *
   * The voting round on show, 0 for none.
   */
  properties[PROP_ROUND_ID] =
    g_param_spec_int64 ("round-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ABIERTO_TYPE_CHART_AREA);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gobierto/Abierto/ui/abierto-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, stack);
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, round_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, voters_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, round_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, round_labels);
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, projector_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, table);
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, ties_group);
  gtk_widget_class_bind_template_child (widget_class, AbiertoResultsView, ties_box);
  gtk_widget_class_bind_template_callback (widget_class, round_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, projector_toggled_cb);
}

static void
abierto_results_view_init (AbiertoResultsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
abierto_results_view_new (AbiertoStore     *store,
                          AbiertoUndoStack *undo,
                          gint64            session_id)
{
  AbiertoResultsView *self = g_object_new (ABIERTO_TYPE_RESULTS_VIEW, NULL);

  abierto_results_view_set_session (self, store, undo, session_id);

  return GTK_WIDGET (self);
}

void
abierto_results_view_set_session (AbiertoResultsView *self,
                                  AbiertoStore       *store,
                                  AbiertoUndoStack   *undo,
                                  gint64              session_id)
{
  g_return_if_fail (ABIERTO_IS_RESULTS_VIEW (self));
  g_return_if_fail (ABIERTO_IS_STORE (store));
  g_return_if_fail (ABIERTO_IS_UNDO_STACK (undo));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);
  self->session_id = session_id;

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  abierto_results_view_reload_rounds (self);
}

gint64
abierto_results_view_get_round_id (AbiertoResultsView *self)
{
  g_return_val_if_fail (ABIERTO_IS_RESULTS_VIEW (self), 0);

  return self->round_id;
}

void
abierto_results_view_set_round_id (AbiertoResultsView *self,
                                   gint64              round_id)
{
  g_return_if_fail (ABIERTO_IS_RESULTS_VIEW (self));

  if (self->round_id == round_id)
    return;

  self->round_id = round_id;
  if (self->store != NULL)
    abierto_results_view_reload_rounds (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND_ID]);
}
