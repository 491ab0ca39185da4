/* abierto-commitments-view.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "abierto-commitment-dialog.h"
#include "abierto-commitments-view.h"
#include "abierto-store-undo.h"
#include "abierto-view-util.h"

/* What institutions promised about a session's proposals, and how far
 * they have got. */
struct _AbiertoCommitmentsView
{
  AdwBin               parent_instance;

  /* Owned */
  AbiertoStore        *store;
  AbiertoUndoStack    *undo;
  GListStore          *commitments;  /* of AbiertoCommitment, on show */
  GHashTable          *proposals;    /* proposal id → “1. Its label” */
  gint64               session_id;

  /* Template children, borrowed */
  AdwPreferencesGroup *list_group;
  GtkListBox          *list;
  GtkButton           *add_button;
};

G_DEFINE_FINAL_TYPE (AbiertoCommitmentsView, abierto_commitments_view, ADW_TYPE_BIN)

/* Shared with the list across sessions */

const char *
abierto_commitment_status_icon_name (AbiertoCommitmentStatus status)
{
  switch (status)
    {
    case ABIERTO_COMMITMENT_DRAFT:
      return "document-edit-symbolic";
    case ABIERTO_COMMITMENT_PLANNED:
      return "x-office-calendar-symbolic";
    case ABIERTO_COMMITMENT_IN_PROGRESS:
      return "media-playback-start-symbolic";
    case ABIERTO_COMMITMENT_DONE:
      return "emblem-ok-symbolic";
    case ABIERTO_COMMITMENT_DROPPED:
      return "action-unavailable-symbolic";
    default:
      return "dialog-question-symbolic";
    }
}

char *
abierto_commitment_dup_percent_text (AbiertoCommitment *commitment)
{
  double percent;

  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (commitment), NULL);

  if (!abierto_commitment_get_progress (commitment, &percent))
    return NULL;

  /* Translators: how far a commitment has got, as in “40 %” */
  return g_strdup_printf (_("%d %%"), (int) floor (percent));
}

char *
abierto_format_deadline (const char *iso_date)
{
  g_autoptr(GDateTime) date_time = NULL;
  char *formatted;
  int year, month, day;

  g_return_val_if_fail (iso_date != NULL, NULL);

  if (sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) == 3
      && g_date_valid_dmy (day, month, year))
    date_time = g_date_time_new_utc (year, month, day, 0, 0, 0);

  /* Translators: the date of a workshop session, as in “14 March 2026”.
   * See g_date_time_format(); Spanish would be “%-d de %B de %Y”. */
  if (date_time != NULL && (formatted = g_date_time_format (date_time, _("%-d %B %Y"))) != NULL)
    return formatted;

  return g_strdup (iso_date);
}

char *
abierto_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Twelve digits: 0.1 + 0.2 shows as 0.3 */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.12g", value));
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   NULL);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  /* GTK 4.8 names a label after its text; the description keeps it
   * findable by assistive technologies too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);

  return label;
}

GtkWidget *
abierto_commitment_row_new (AbiertoCommitment *commitment,
                            const char        *context)
{
  AbiertoCommitmentStatus status;
  g_autoptr(GPtrArray) who = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) summary = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *who_text = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *percent = NULL;
  const char *institution, *area, *deadline, *reason;
  GtkWidget *row, *box, *main, *line, *image, *label, *bar, *suffix;
  gboolean overdue;
  double progress = 0;

  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (commitment), NULL);

  status = abierto_commitment_get_status (commitment);
  institution = abierto_commitment_get_institution (commitment);
  area = abierto_commitment_get_area (commitment);
  deadline = abierto_commitment_get_deadline (commitment);
  reason = abierto_commitment_get_status_reason (commitment);
  overdue = abierto_commitment_is_overdue (commitment, NULL);
  percent = abierto_commitment_dup_percent_text (commitment);
  abierto_commitment_get_progress (commitment, &progress);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "abierto-commitment", g_object_ref (commitment),
                          g_object_unref);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  main = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (main, TRUE);
  gtk_box_append (GTK_BOX (box), main);

  /* What will be done, as typed: never markup */
  gtk_box_append (GTK_BOX (main), make_label (abierto_commitment_get_action (commitment),
                                              "heading"));

  /* Who, and by when */
  g_ptr_array_add (who, g_strdup (*institution != '\0' ? institution
                                                       : _("No responsible institution yet")));
  if (*area != '\0')
    g_ptr_array_add (who, g_strdup (area));
  if (deadline != NULL)
    {
      g_autofree char *date = abierto_format_deadline (deadline);

      /* Translators: the deadline of a commitment, as in “By 31 December 2026” */
      g_ptr_array_add (who, g_strdup_printf (_("By %s"), date));
    }
  else
    {
      g_ptr_array_add (who, g_strdup (_("No deadline yet")));
    }
  g_ptr_array_add (who, NULL);
  who_text = g_strjoinv (" · ", (char **) who->pdata);
  gtk_box_append (GTK_BOX (main), make_label (who_text, "dim-label"));

  if (context != NULL && *context != '\0')
    gtk_box_append (GTK_BOX (main), make_label (context, "dim-label"));

  /* The status in words, with its icon beside them */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  image = gtk_image_new_from_icon_name (abierto_commitment_status_icon_name (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);
  gtk_box_append (GTK_BOX (line), image);
  label = make_label (abierto_commitment_status_get_label (status), NULL);
  gtk_box_append (GTK_BOX (line), label);
  g_ptr_array_add (summary, g_strdup (abierto_commitment_status_get_label (status)));

  /* Overdue in words, not colour alone */
  if (overdue)
    {
      GtkWidget *badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

      gtk_widget_set_margin_start (badge, 12);
      gtk_widget_add_css_class (badge, "error");
      gtk_box_append (GTK_BOX (badge), gtk_image_new_from_icon_name ("task-past-due-symbolic"));
      gtk_box_append (GTK_BOX (badge), make_label (_("Overdue"), "heading"));
      gtk_box_append (GTK_BOX (line), badge);
      g_ptr_array_add (summary, g_strdup (_("Overdue")));
    }
  gtk_box_append (GTK_BOX (main), line);

  if (status == ABIERTO_COMMITMENT_DROPPED && *reason != '\0')
    gtk_box_append (GTK_BOX (main), make_label (reason, "dim-label"));

  /* How far it has got */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  if (percent != NULL)
    {
      bar = g_object_new (GTK_TYPE_PROGRESS_BAR,
                          "fraction", CLAMP (progress / 100.0, 0.0, 1.0),
                          "hexpand", TRUE,
                          "valign", GTK_ALIGN_CENTER,
                          NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, percent,
                                      -1);
      gtk_box_append (GTK_BOX (line), bar);
      label = make_label (percent, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (label), 5);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_box_append (GTK_BOX (line), label);
      g_ptr_array_add (summary, g_strdup (percent));
    }
  else
    {
      label = make_label (_("Progress cannot be measured yet: it needs a baseline and a target"),
                          "dim-label");
      gtk_box_append (GTK_BOX (line), label);
    }
  gtk_box_append (GTK_BOX (main), line);

  suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), suffix);
  g_object_set_data (G_OBJECT (row), "abierto-suffix-box", suffix);

  g_ptr_array_add (summary, g_strdup (who_text));
  if (context != NULL && *context != '\0')
    g_ptr_array_add (summary, g_strdup (context));
  g_ptr_array_add (summary, NULL);
  summary_text = g_strjoinv (". ", (char **) summary->pdata);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  abierto_commitment_get_action (commitment),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary_text,
                                  -1);

  return row;
}

GtkBox *
abierto_commitment_row_get_suffix_box (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);

  return GTK_BOX (g_object_get_data (G_OBJECT (row), "abierto-suffix-box"));
}

/* The view */

/* The proposals a commitment answers, as people call them. */
static char *
abierto_commitments_view_dup_answers (AbiertoCommitmentsView *self,
                                      AbiertoCommitment      *commitment)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  const gint64 *ids;
  guint n_ids;

  ids = abierto_commitment_get_proposal_ids (commitment, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      const char *label = g_hash_table_lookup (self->proposals, &ids[i]);

      if (label != NULL)
        g_ptr_array_add (labels, (gpointer) label);
    }
  if (labels->len == 0)
    return NULL;
  g_ptr_array_add (labels, NULL);

  /* Translators: separates the proposals a commitment answers */
  joined = g_strjoinv (_("; "), (char **) labels->pdata);
  /* Translators: the proposals a commitment answers, as in
   * “Answers: 1. More benches; 3. Clean toilets” */
  return g_strdup_printf (_("Answers: %s"), joined);
}

static void
delete_clicked_cb (GtkButton              *button,
                   AbiertoCommitmentsView *self)
{
  AbiertoCommitment *commitment = g_object_get_data (G_OBJECT (button), "abierto-commitment");
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = abierto_commitment_get_id (commitment);

  if (!abierto_store_delete_commitment (self->store, id, &error))
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_restore (undo, ABIERTO_UNDO_TARGET_COMMITMENT, id);
  abierto_store_undo_push (g_steal_pointer (&undo), self->undo, _("Commitment restored"),
                           GTK_WIDGET (self), _("Commitment deleted"));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AbiertoCommitmentsView *self = user_data;
  AbiertoCommitment *commitment = ABIERTO_COMMITMENT (item);
  g_autofree char *answers = abierto_commitments_view_dup_answers (self, commitment);
  GtkWidget *row, *delete;

  row = abierto_commitment_row_new (commitment, answers);

  delete = g_object_new (GTK_TYPE_BUTTON,
                         "icon-name", "user-trash-symbolic",
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", _("Delete Commitment"),
                         NULL);
  gtk_widget_add_css_class (delete, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Commitment"),
                                  -1);
  g_object_set_data_full (G_OBJECT (delete), "abierto-commitment", g_object_ref (commitment),
                          g_object_unref);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  gtk_box_append (abierto_commitment_row_get_suffix_box (row), delete);

  return row;
}

/* Everything a row shows of a commitment, to tell whether it changed. */
static char *
commitment_dup_key (AbiertoCommitment *commitment)
{
  g_autofree char *percent = abierto_commitment_dup_percent_text (commitment);
  g_autoptr(GString) ids = g_string_new (NULL);
  const gint64 *proposal_ids;
  guint n_ids;

  proposal_ids = abierto_commitment_get_proposal_ids (commitment, &n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (ids, "%" G_GINT64_FORMAT ",", proposal_ids[i]);

  return g_strdup_printf ("%" G_GINT64_FORMAT "\n%s\n%s\n%s\n%s\n%d\n%s\n%s\n%d\n%s",
                          abierto_commitment_get_id (commitment),
                          abierto_commitment_get_action (commitment),
                          abierto_commitment_get_institution (commitment),
                          abierto_commitment_get_area (commitment),
                          abierto_commitment_get_deadline (commitment) != NULL
                            ? abierto_commitment_get_deadline (commitment) : "",
                          abierto_commitment_get_status (commitment),
                          abierto_commitment_get_status_reason (commitment),
                          percent != NULL ? percent : "",
                          abierto_commitment_is_overdue (commitment, NULL),
                          ids->str);
}

static gboolean
commitment_equal (gconstpointer a,
                  gconstpointer b)
{
  g_autofree char *key_a = commitment_dup_key ((AbiertoCommitment *) a);
  g_autofree char *key_b = commitment_dup_key ((AbiertoCommitment *) b);

  return g_strcmp0 (key_a, key_b) == 0;
}

/* Numbers and labels of the session's proposals, as the Proposals view
 * numbers them. */
static void
abierto_commitments_view_reload_proposals (AbiertoCommitmentsView *self)
{
  g_autoptr(GListModel) proposals = NULL;
  guint n;

  g_hash_table_remove_all (self->proposals);
  proposals = abierto_store_list_proposals (self->store, self->session_id, NULL);
  n = proposals != NULL ? g_list_model_get_n_items (proposals) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (proposals, i);
      g_autofree char *label = abierto_proposal_dup_label (proposal);
      gint64 *id = g_new (gint64, 1);
      gsize len = strlen (label);

      *id = abierto_proposal_get_id (proposal);
      /* they are joined with “;”: a full stop before it would be one too many */
      if (len > 0 && label[len - 1] == '.')
        label[len - 1] = '\0';
      /* Translators: a proposal, by its number in the list and its label */
      g_hash_table_insert (self->proposals, id, g_strdup_printf (_("%u. %s"), i + 1, label));
    }
}

static void
abierto_commitments_view_reload (AbiertoCommitmentsView *self)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  guint n;

  fresh = abierto_store_list_commitments (self->store, self->session_id, &error);
  if (fresh == NULL)
    {
      if (!g_error_matches (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND))
        abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  abierto_list_store_sync (self->commitments, fresh, commitment_equal);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->commitments));
  count = g_strdup_printf (ngettext ("%u commitment", "%u commitments", n), n);
  adw_preferences_group_set_description (self->list_group, n > 0 ? count : NULL);
}

static void
commitments_changed_cb (AbiertoCommitmentsView *self,
                        const char             *table,
                        gint64                  session_id,
                        AbiertoStore           *store)
{
  if (session_id == self->session_id)
    abierto_commitments_view_reload (self);
}

static void
proposals_changed_cb (AbiertoCommitmentsView *self,
                      const char             *table,
                      gint64                  session_id,
                      AbiertoStore           *store)
{
  if (session_id != self->session_id)
    return;

  /* Rows name the proposals: make them all again. */
  abierto_commitments_view_reload_proposals (self);
  g_list_store_remove_all (self->commitments);
  abierto_commitments_view_reload (self);
}

static void
abierto_commitments_view_present_dialog (AbiertoCommitmentsView *self,
                                         AbiertoCommitment      *commitment)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AbiertoCommitmentDialog *dialog;

  dialog = abierto_commitment_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                          self->store, self->undo, self->session_id, commitment);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_clicked_cb (AbiertoCommitmentsView *self)
{
  if (self->store != NULL)
    abierto_commitments_view_present_dialog (self, NULL);
}

static void
row_activated_cb (AbiertoCommitmentsView *self,
                  GtkListBoxRow          *row,
                  GtkListBox             *list)
{
  AbiertoCommitment *commitment = g_object_get_data (G_OBJECT (row), "abierto-commitment");

  if (commitment != NULL)
    abierto_commitments_view_present_dialog (self, commitment);
}

/* Alt+5 lands on the first commitment, or on Add Commitment when there is
 * none. */
static gboolean
abierto_commitments_view_grab_focus (GtkWidget *widget)
{
  AbiertoCommitmentsView *self = ABIERTO_COMMITMENTS_VIEW (widget);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (first != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (first));

  return gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
abierto_commitments_view_dispose (GObject *object)
{
  AbiertoCommitmentsView *self = (AbiertoCommitmentsView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_COMMITMENTS_VIEW);

  g_clear_object (&self->commitments);
  g_clear_pointer (&self->proposals, g_hash_table_unref);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (abierto_commitments_view_parent_class)->dispose (object);
}

static void
abierto_commitments_view_class_init (AbiertoCommitmentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_commitments_view_dispose;
  widget_class->grab_focus = abierto_commitments_view_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gobierto/Abierto/ui/"
                                               "abierto-commitments-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoCommitmentsView, list_group);
  gtk_widget_class_bind_template_child (widget_class, AbiertoCommitmentsView, list);
  gtk_widget_class_bind_template_child (widget_class, AbiertoCommitmentsView, add_button);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
abierto_commitments_view_init (AbiertoCommitmentsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->commitments = g_list_store_new (ABIERTO_TYPE_COMMITMENT);
  self->proposals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->commitments),
                           create_row, self, NULL);
}

GtkWidget *
abierto_commitments_view_new (AbiertoStore     *store,
                              AbiertoUndoStack *undo,
                              gint64            session_id)
{
  AbiertoCommitmentsView *self = g_object_new (ABIERTO_TYPE_COMMITMENTS_VIEW, NULL);

  abierto_commitments_view_set_session (self, store, undo, session_id);

  return GTK_WIDGET (self);
}

void
abierto_commitments_view_set_session (AbiertoCommitmentsView *self,
                                      AbiertoStore           *store,
                                      AbiertoUndoStack       *undo,
                                      gint64                  session_id)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENTS_VIEW (self));
  g_return_if_fail (ABIERTO_IS_STORE (store));
  g_return_if_fail (ABIERTO_IS_UNDO_STACK (undo));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);
  self->session_id = session_id;

  g_signal_connect_object (store, "changed::commitment",
                           G_CALLBACK (commitments_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::proposal",
                           G_CALLBACK (proposals_changed_cb), self, G_CONNECT_SWAPPED);
  abierto_commitments_view_reload_proposals (self);
  abierto_commitments_view_reload (self);
}
