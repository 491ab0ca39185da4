/* test-commitments.c: commitments in the real window
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "abierto-all-commitments-window.h"
#include "abierto-commitment-dialog.h"
#include "abierto-commitments-view.h"
#include "abierto-session-page.h"
#include "test-util.h"

#define SESSION_TITLE "Parques y espacios públicos"
#define OTHER_TITLE   "Escuela y juego"

/* Helpers */

static GtkWidget *
dialog_child (AbiertoCommitmentDialog *dialog,
              const char              *name)
{
  return child_of (dialog, ABIERTO_TYPE_COMMITMENT_DIALOG, name);
}

static void
set_text (GtkWidget  *editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static gint64
add_proposal (AbiertoStore *store,
              gint64        session_id,
              const char   *text)
{
  g_autoptr(AbiertoProposal) proposal = abierto_proposal_new (session_id, text);
  g_autoptr(GError) error = NULL;

  abierto_store_add_proposal (store, proposal, &error);
  g_assert_no_error (error);
  return abierto_proposal_get_id (proposal);
}

/* A complete commitment, added through the store. */
static gint64
add_commitment (AbiertoStore            *store,
                gint64                   session_id,
                gint64                   proposal_id,
                const char              *action,
                const char              *institution,
                const char              *deadline,
                AbiertoCommitmentStatus  status)
{
  g_autoptr(AbiertoCommitment) commitment = abierto_commitment_new (session_id, action);
  g_autoptr(GError) error = NULL;
  gint64 id;

  abierto_commitment_set_institution (commitment, institution);
  abierto_commitment_set_indicator (commitment, "Bancas instaladas");
  abierto_commitment_set_baseline (commitment, 0);
  abierto_commitment_set_target (commitment, 20);
  abierto_commitment_set_unit (commitment, "bancas");
  abierto_commitment_set_deadline (commitment, deadline);
  abierto_store_add_commitment (store, commitment, &proposal_id, 1, FALSE, &error);
  g_assert_no_error (error);
  id = abierto_commitment_get_id (commitment);

  if (status != ABIERTO_COMMITMENT_PLANNED)
    {
      abierto_commitment_set_status (commitment, status);
      abierto_store_update_commitment (store, commitment, &error);
      g_assert_no_error (error);
    }

  return id;
}

static GListModel *
list_all (AbiertoStore *store)
{
  g_autoptr(GError) error = NULL;
  GListModel *all = abierto_store_find_commitments (store, 0, NULL, 0, &error);

  g_assert_no_error (error);
  return all;
}

static guint
n_commitments (AbiertoStore *store)
{
  g_autoptr(GListModel) all = list_all (store);

  return g_list_model_get_n_items (all);
}

static AbiertoCommitment *
nth_commitment (AbiertoStore *store,
                guint         n)
{
  g_autoptr(GListModel) all = list_all (store);

  g_assert_cmpuint (g_list_model_get_n_items (all), >, n);
  return g_list_model_get_item (all, n);
}

/* The rows of a list box, without its placeholder. */
static GPtrArray *
box_rows (GtkWidget *list)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    g_ptr_array_add (rows, row);

  return rows;
}

/* Whether one of the labels inside @widget reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_descendants (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_visible (labels->pdata[i])
        && g_strcmp0 (gtk_label_get_label (labels->pdata[i]), text) == 0)
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_button_with_icon (GtkWidget  *widget,
                       const char *icon_name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_descendants (widget, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), icon_name) == 0)
      return buttons->pdata[i];

  return NULL;
}

static AbiertoCommitmentDialog *
the_dialog (void)
{
  GtkWidget *dialog = find_toplevel (ABIERTO_TYPE_COMMITMENT_DIALOG);

  g_assert_nonnull (dialog);
  return ABIERTO_COMMITMENT_DIALOG (dialog);
}

static AbiertoWindow *
present_window_sized (AbiertoStore *store,
                      int           width,
                      int           height)
{
  AbiertoWindow *window = abierto_window_new (NULL, store);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  iterate_pending ();

  return window;
}

/* Opens the session titled @title and shows its commitments. */
static GtkWidget *
show_commitments (AbiertoWindow *window,
                  const char    *title)
{
  GtkListBox *list = sessions_list (window);
  g_autoptr(GPtrArray) rows = list_rows (list);
  GtkWidget *page, *view;

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (abierto_session_get_title (row_session (rows->pdata[i])), title) == 0)
      g_signal_emit_by_name (list, "row-activated", rows->pdata[i]);
  iterate_pending ();

  page = find_descendant (GTK_WIDGET (window), ABIERTO_TYPE_SESSION_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_cmpint (abierto_session_page_get_session_id (ABIERTO_SESSION_PAGE (page)), >, 0);

  /* What Alt+5 does */
  gtk_widget_activate_action (page, "session.show-view", "s", "commitments");
  iterate_pending ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     ADW_VIEW_STACK (child_of (page, ABIERTO_TYPE_SESSION_PAGE, "stack"))),
                   ==, "commitments");

  view = child_of (page, ABIERTO_TYPE_SESSION_PAGE, "commitments_view");
  g_assert_true (gtk_widget_get_mapped (view));
  return view;
}

typedef struct
{
  Fixture  base;
  gint64   session_id;
  gint64   other_session_id;
  gint64   proposals[3];
  gint64   other_proposal;
} CommitmentsFixture;

static void
commitments_set_up (CommitmentsFixture *fixture,
                    gconstpointer       user_data)
{
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(AbiertoSession) other = NULL;
  AbiertoStore *store;

  fixture_set_up (&fixture->base, user_data);
  store = fixture->base.store;

  session = add_session_full (store, SESSION_TITLE, ABIERTO_GROUP_OLDER_ADULTS, "2026-03-14",
                              "Coyoacán", "¿Qué necesita tu parque?");
  fixture->session_id = abierto_session_get_id (session);
  fixture->proposals[0] = add_proposal (store, fixture->session_id, "Luz en los senderos.");
  fixture->proposals[1] = add_proposal (store, fixture->session_id, "Bancas a la sombra");
  fixture->proposals[2] = add_proposal (store, fixture->session_id, "Baños limpios");

  other = add_session_full (store, OTHER_TITLE, ABIERTO_GROUP_CHILDREN, "2026-01-14",
                            "Iztapalapa", NULL);
  fixture->other_session_id = abierto_session_get_id (other);
  fixture->other_proposal = add_proposal (store, fixture->other_session_id, "Un huerto escolar");
}

static void
commitments_tear_down (CommitmentsFixture *fixture,
                       gconstpointer       user_data)
{
  fixture_tear_down (&fixture->base, user_data);
}

/* Tests */

static void
test_add_edit_progress (CommitmentsFixture *fixture,
                        gconstpointer       user_data)
{
  AbiertoStore *store = fixture->base.store;
  AbiertoWindow *window = present_window_sized (store, 1280, 800);
  AbiertoUndoStack *undo = abierto_window_get_undo_stack (window);
  GtkWidget *view = show_commitments (window, SESSION_TITLE);
  GtkWidget *list = child_of (view, ABIERTO_TYPE_COMMITMENTS_VIEW, "list");
  g_autoptr(AbiertoCommitment) commitment = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GListModel) updates = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  AbiertoCommitmentDialog *dialog;
  const char *message;
  double value;

  /* Add Commitment opens an empty editor */
  g_signal_emit_by_name (child_of (view, ABIERTO_TYPE_COMMITMENTS_VIEW, "add_button"), "clicked");
  iterate_pending ();
  dialog = the_dialog ();
  g_assert_null (abierto_commitment_dialog_get_commitment (dialog));
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "new_update_group")));

  /* The first and third proposals, an action and who does it… */
  collect_descendants (dialog_child (dialog, "proposals_list"), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 3);
  gtk_check_button_set_active (checks->pdata[0], TRUE);
  gtk_check_button_set_active (checks->pdata[2], TRUE);
  set_text (dialog_child (dialog, "action_row"), "Reparar las luminarias de los senderos");
  set_text (dialog_child (dialog, "institution_row"), "Alcaldía Coyoacán");
  set_text (dialog_child (dialog, "area_row"), "Dirección de Obras");

  /* …is not measurable yet: refused, saying what is missing */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "commitment-dialog.save", NULL);
  iterate_pending ();
  g_assert_true (find_toplevel (ABIERTO_TYPE_COMMITMENT_DIALOG) == GTK_WIDGET (dialog));
  message = abierto_commitment_dialog_get_error (dialog);
  g_assert_nonnull (message);
  g_test_message ("refused: %s", message);
  g_assert_nonnull (strstr (message, "an indicator to measure it"));
  g_assert_nonnull (strstr (message, "a numeric target"));
  g_assert_nonnull (strstr (message, "a deadline"));
  g_assert_null (strstr (message, "responsible institution"));
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "draft_button")));
  g_assert_cmpuint (n_commitments (store), ==, 0);

  /* A target that is not a number is refused before the store sees it */
  set_text (dialog_child (dialog, "target_row"), "cien");
  g_assert_false (abierto_commitment_dialog_save (dialog, FALSE));
  g_assert_nonnull (strstr (abierto_commitment_dialog_get_error (dialog), "target"));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "draft_button")));
  set_text (dialog_child (dialog, "target_row"), "");
  g_assert_false (abierto_commitment_dialog_save (dialog, FALSE));

  /* Save as Draft keeps it, not yet promised */
  g_signal_emit_by_name (dialog_child (dialog, "draft_button"), "clicked");
  iterate_pending ();
  g_assert_null (find_toplevel (ABIERTO_TYPE_COMMITMENT_DIALOG));
  g_assert_cmpuint (n_commitments (store), ==, 1);
  commitment = nth_commitment (store, 0);
  g_assert_cmpint (abierto_commitment_get_status (commitment), ==, ABIERTO_COMMITMENT_DRAFT);
  g_assert_cmpstr (abierto_commitment_get_institution (commitment), ==, "Alcaldía Coyoacán");
  {
    guint n_ids;
    const gint64 *ids = abierto_commitment_get_proposal_ids (commitment, &n_ids);

    g_assert_cmpuint (n_ids, ==, 2);
    g_assert_cmpint (ids[0], ==, fixture->proposals[0]);
    g_assert_cmpint (ids[1], ==, fixture->proposals[2]);
  }

  /* The list shows it, with its status in words and what it answers */
  rows = box_rows (list);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (shows_label (rows->pdata[0], "Reparar las luminarias de los senderos"));
  g_assert_true (shows_label (rows->pdata[0], "Draft"));
  g_assert_true (shows_label (rows->pdata[0],
                              "Answers: 1. Luz en los senderos; 3. Baños limpios"));

  /* Activating the row opens the editor on it; completed, it is promised */
  g_signal_emit_by_name (list, "row-activated", rows->pdata[0]);
  iterate_pending ();
  dialog = the_dialog ();
  g_assert_nonnull (abierto_commitment_dialog_get_commitment (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "action_row"))),
                   ==, "Reparar las luminarias de los senderos");
  g_assert_false (gtk_widget_get_sensitive (dialog_child (dialog, "new_update_group")));
  set_text (dialog_child (dialog, "indicator_row"), "Luminarias funcionando");
  set_text (dialog_child (dialog, "baseline_row"), "40");
  set_text (dialog_child (dialog, "target_row"), "100");
  set_text (dialog_child (dialog, "unit_row"), "luminarias");
  set_text (dialog_child (dialog, "allocated_row"), "$350,000");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "status_row")),
                              ABIERTO_COMMITMENT_PLANNED);

  /* a deadline that is not a date */
  set_text (dialog_child (dialog, "deadline_row"), "31/12/2099");
  g_assert_false (abierto_commitment_dialog_save (dialog, FALSE));
  g_assert_nonnull (strstr (abierto_commitment_dialog_get_error (dialog), "2026-12-31"));
  set_text (dialog_child (dialog, "deadline_row"), "2099-12-31");
  g_assert_true (abierto_commitment_dialog_save (dialog, FALSE));
  iterate_pending ();
  g_assert_null (find_toplevel (ABIERTO_TYPE_COMMITMENT_DIALOG));

  g_clear_object (&commitment);
  commitment = nth_commitment (store, 0);
  g_assert_cmpint (abierto_commitment_get_status (commitment), ==, ABIERTO_COMMITMENT_PLANNED);
  g_assert_true (abierto_commitment_get_target (commitment, &value));
  g_assert_cmpfloat (value, ==, 100);
  g_assert_true (abierto_commitment_get_budget_allocated (commitment, &value));
  g_assert_cmpfloat (value, ==, 350000);
  g_assert_cmpstr (abierto_commitment_get_deadline (commitment), ==, "2099-12-31");
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = box_rows (list);
  g_assert_true (shows_label (rows->pdata[0], "Planned"));
  g_assert_true (shows_label (rows->pdata[0], "0 %"));

  /* Ctrl+Z takes the changes back, and again brings the draft back */
  g_assert_true (abierto_undo_stack_undo (undo, NULL, NULL));
  iterate_pending ();
  g_clear_object (&commitment);
  commitment = nth_commitment (store, 0);
  g_assert_cmpint (abierto_commitment_get_status (commitment), ==, ABIERTO_COMMITMENT_DRAFT);
  g_assert_false (abierto_commitment_get_target (commitment, &value));
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = box_rows (list);
  g_signal_emit_by_name (list, "row-activated", rows->pdata[0]);
  iterate_pending ();
  dialog = the_dialog ();
  set_text (dialog_child (dialog, "indicator_row"), "Luminarias funcionando");
  set_text (dialog_child (dialog, "baseline_row"), "40");
  set_text (dialog_child (dialog, "target_row"), "100");
  set_text (dialog_child (dialog, "unit_row"), "luminarias");
  set_text (dialog_child (dialog, "deadline_row"), "2099-12-31");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "status_row")),
                              ABIERTO_COMMITMENT_PLANNED);
  g_assert_true (abierto_commitment_dialog_save (dialog, FALSE));
  iterate_pending ();

  /* Progress: the editor again, one update of 70 from 40 towards 100 */
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = box_rows (list);
  g_signal_emit_by_name (list, "row-activated", rows->pdata[0]);
  iterate_pending ();
  dialog = the_dialog ();
  g_assert_true (gtk_widget_get_sensitive (dialog_child (dialog, "new_update_group")));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (dialog_child (dialog, "percent_label"))),
                   ==, "0 %");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog,
                                                                       "update_date_row"))),
                   ==, today);

  /* not a number: said next to it */
  set_text (dialog_child (dialog, "update_value_row"), "setenta");
  g_assert_false (abierto_commitment_dialog_add_progress (dialog));
  g_assert_nonnull (strstr (abierto_commitment_dialog_get_error (dialog), "value"));

  set_text (dialog_child (dialog, "update_value_row"), "70");
  set_text (dialog_child (dialog, "update_note_row"), "La primera cuadrilla terminó");
  set_text (dialog_child (dialog, "update_url_row"), "https://example.org/obras/1");
  g_signal_emit_by_name (dialog_child (dialog, "add_progress_button"), "clicked");
  iterate_pending ();
  g_assert_null (abierto_commitment_dialog_get_error (dialog));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (dialog_child (dialog, "percent_label"))),
                   ==, "50 %");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog,
                                                                      "update_value_row"))),
                   ==, "");
  {
    g_autoptr(GPtrArray) update_rows = box_rows (dialog_child (dialog, "updates_list"));

    g_assert_cmpuint (update_rows->len, ==, 1);
  }
  /* progress put it in progress, and the editor follows */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (dialog_child (dialog,
                                                                             "status_row"))),
                    ==, ABIERTO_COMMITMENT_IN_PROGRESS);
  updates = abierto_store_list_commitment_updates (store,
                                                   abierto_commitment_get_id (commitment), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (updates), ==, 1);

  /* Saving again keeps it in progress */
  g_assert_true (abierto_commitment_dialog_save (dialog, FALSE));
  iterate_pending ();
  g_clear_object (&commitment);
  commitment = nth_commitment (store, 0);
  g_assert_cmpint (abierto_commitment_get_status (commitment), ==,
                   ABIERTO_COMMITMENT_IN_PROGRESS);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = box_rows (list);
  g_assert_true (shows_label (rows->pdata[0], "50 %"));
  g_assert_true (shows_label (rows->pdata[0], "In progress"));
  g_assert_false (shows_label (rows->pdata[0], "Overdue"));

  /* Delete, and undo */
  g_signal_emit_by_name (find_button_with_icon (rows->pdata[0], "user-trash-symbolic"),
                         "clicked");
  iterate_pending ();
  g_assert_cmpuint (n_commitments (store), ==, 0);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = box_rows (list);
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_true (abierto_undo_stack_undo (undo, NULL, NULL));
  iterate_pending ();
  g_assert_cmpuint (n_commitments (store), ==, 1);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = box_rows (list);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (shows_label (rows->pdata[0], "50 %"));

  /* A deadline passed is said in words */
  add_commitment (store, fixture->session_id, fixture->proposals[1], "Bancas a la sombra",
                  "Alcaldía Coyoacán", "2020-01-31", ABIERTO_COMMITMENT_PLANNED);
  iterate_pending ();
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = box_rows (list);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (shows_label (rows->pdata[1], "Overdue"));

  destroy_window (window);
}

/* Alt+5 goes into the commitments, ready to add one. */
static void
test_keyboard (CommitmentsFixture *fixture,
               gconstpointer       user_data)
{
  AbiertoWindow *window = present_window_sized (fixture->base.store, 1280, 800);
  GtkWidget *view = show_commitments (window, SESSION_TITLE);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  g_assert_true (focus == child_of (view, ABIERTO_TYPE_COMMITMENTS_VIEW, "add_button")
                 || gtk_widget_is_ancestor (focus, view));

  destroy_window (window);
}

static guint
n_rows (GtkWidget *list)
{
  g_autoptr(GPtrArray) rows = box_rows (list);

  return rows->len;
}

static guint
find_string (GtkDropDown *drop_down,
             const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      return i;

  g_assert_not_reached ();
}

static void
test_all_commitments (CommitmentsFixture *fixture,
                      gconstpointer       user_data)
{
  AbiertoStore *store = fixture->base.store;
  AbiertoWindow *window = present_window_sized (store, 1280, 800);
  GtkWidget *all, *list, *title;
  GtkDropDown *institutions, *statuses;
  g_autoptr(GPtrArray) rows = NULL;

  add_commitment (store, fixture->session_id, fixture->proposals[0], "Luz en los senderos",
                  "Alcaldía Coyoacán", "2099-12-31", ABIERTO_COMMITMENT_PLANNED);
  add_commitment (store, fixture->session_id, fixture->proposals[1], "Bancas a la sombra",
                  "SOBSE", "2020-01-31", ABIERTO_COMMITMENT_IN_PROGRESS);
  add_commitment (store, fixture->other_session_id, fixture->other_proposal, "Un huerto",
                  "alcaldía coyoacán", "2099-06-30", ABIERTO_COMMITMENT_DONE);

  /* the primary menu's All Commitments */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.commitments", NULL));
  iterate_pending ();
  all = find_toplevel (ABIERTO_TYPE_ALL_COMMITMENTS_WINDOW);
  g_assert_nonnull (all);
  wait_mapped (all);
  list = child_of (all, ABIERTO_TYPE_ALL_COMMITMENTS_WINDOW, "list");
  title = child_of (all, ABIERTO_TYPE_ALL_COMMITMENTS_WINDOW, "window_title");
  institutions = GTK_DROP_DOWN (child_of (all, ABIERTO_TYPE_ALL_COMMITMENTS_WINDOW,
                                          "institution_filter"));
  statuses = GTK_DROP_DOWN (child_of (all, ABIERTO_TYPE_ALL_COMMITMENTS_WINDOW,
                                      "status_filter"));

  /* Every session's, each with its session, the overdue one said so */
  rows = box_rows (list);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "3 commitments");
  g_assert_true (shows_label (rows->pdata[0], "Session: " SESSION_TITLE));
  g_assert_true (shows_label (rows->pdata[2], "Session: " OTHER_TITLE));
  g_assert_false (shows_label (rows->pdata[0], "Overdue"));
  g_assert_true (shows_label (rows->pdata[1], "Overdue"));
  g_assert_true (shows_label (rows->pdata[2], "Done"));

  /* One name per body, whatever the case of its letters */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (institutions)), ==, 3);

  gtk_drop_down_set_selected (institutions, find_string (institutions, "Alcaldía Coyoacán"));
  iterate_pending ();
  g_assert_cmpuint (n_rows (list), ==, 2);

  gtk_drop_down_set_selected (statuses, find_string (statuses, "Done"));
  iterate_pending ();
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = box_rows (list);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (shows_label (rows->pdata[0], "Un huerto"));

  gtk_drop_down_set_selected (statuses, find_string (statuses, "In progress"));
  iterate_pending ();
  g_assert_cmpuint (n_rows (list), ==, 0);
  g_assert_true (shows_label (list, "No commitments match these filters."));

  gtk_drop_down_set_selected (institutions, find_string (institutions, "SOBSE"));
  iterate_pending ();
  g_assert_cmpuint (n_rows (list), ==, 1);

  /* A commitment added meanwhile appears, the filters kept */
  gtk_drop_down_set_selected (statuses, 0);
  iterate_pending ();
  add_commitment (store, fixture->other_session_id, fixture->other_proposal, "Juegos nuevos",
                  "SOBSE", "2099-01-31", ABIERTO_COMMITMENT_PLANNED);
  iterate_pending ();
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (
                     gtk_drop_down_get_model (institutions)),
                     gtk_drop_down_get_selected (institutions)), ==, "SOBSE");
  g_assert_cmpuint (n_rows (list), ==, 2);

  /* Activating a row opens its editor */
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = box_rows (list);
  g_signal_emit_by_name (list, "row-activated", rows->pdata[0]);
  iterate_pending ();
  g_assert_cmpstr (abierto_commitment_get_action (
                     abierto_commitment_dialog_get_commitment (the_dialog ())),
                   ==, "Bancas a la sombra");
  gtk_window_destroy (GTK_WINDOW (the_dialog ()));
  iterate_pending ();

  gtk_window_destroy (GTK_WINDOW (all));
  destroy_window (window);
}

/* The Commitments view fits a phone, even with large text. */
static void
test_narrow (CommitmentsFixture *fixture,
             gconstpointer       user_data)
{
  AbiertoStore *store = fixture->base.store;
  GtkSettings *settings = gtk_settings_get_default ();
  AbiertoWindow *window;
  GtkWidget *content;
  int dpi, min_width;

  add_commitment (store, fixture->session_id, fixture->proposals[1],
                  "Instalar bancas a la sombra en todas las entradas del parque",
                  "Secretaría de Obras y Servicios de la Ciudad de México", "2020-01-31",
                  ABIERTO_COMMITMENT_IN_PROGRESS);

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);

  window = present_window_sized (store, 360, 720);
  show_commitments (window, SESSION_TITLE);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_test_message ("360x720 commitments at 1.5x: needs at least %d wide", min_width);
  g_assert_cmpint (min_width, <=, 360);
  destroy_window (window);

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
}

/* Screenshots, when ABIERTO_SCREENSHOT_DIR says where */

static void
test_screenshots (CommitmentsFixture *fixture,
                  gconstpointer       user_data)
{
  static const int sizes[][2] = { { 1280, 800 }, { 360, 720 } };
  const char *dir = g_getenv ("ABIERTO_SCREENSHOT_DIR");
  AbiertoStore *store = fixture->base.store;
  g_autoptr(AbiertoCommitmentUpdate) update = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (dir == NULL)
    {
      g_test_skip ("set ABIERTO_SCREENSHOT_DIR to take screenshots");
      return;
    }
  g_mkdir_with_parents (dir, 0755);

  id = add_commitment (store, fixture->session_id, fixture->proposals[0],
                       "Reparar las luminarias de los senderos", "Alcaldía Coyoacán",
                       "2099-12-31", ABIERTO_COMMITMENT_PLANNED);
  update = abierto_commitment_update_new (id, "2026-01-15", 7);
  abierto_commitment_update_set_note (update, "Siete bancas en la entrada norte");
  abierto_commitment_update_set_evidence_url (update, "https://example.org/obras/bancas");
  abierto_store_add_commitment_update (store, update, &error);
  g_assert_no_error (error);
  add_commitment (store, fixture->session_id, fixture->proposals[1], "Bancas a la sombra",
                  "SOBSE", "2020-01-31", ABIERTO_COMMITMENT_PLANNED);
  add_commitment (store, fixture->other_session_id, fixture->other_proposal, "Un huerto escolar",
                  "Alcaldía Iztapalapa", "2099-06-30", ABIERTO_COMMITMENT_DONE);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      AbiertoWindow *window = present_window_sized (store, sizes[s][0], sizes[s][1]);
      GtkWidget *view = show_commitments (window, SESSION_TITLE);
      GtkWidget *list = child_of (view, ABIERTO_TYPE_COMMITMENTS_VIEW, "list");
      g_autoptr(GPtrArray) rows = box_rows (list);
      g_autofree char *name = NULL;
      AbiertoCommitmentDialog *dialog;
      GtkAdjustment *adjustment;
      GtkWidget *all;

      name = g_strdup_printf ("commitments-%dx%d.png", sizes[s][0], sizes[s][1]);
      save_screenshot (GTK_WIDGET (window), dir, name);

      g_signal_emit_by_name (list, "row-activated", rows->pdata[0]);
      iterate_pending ();
      dialog = the_dialog ();
      gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (640, sizes[s][0]),
                                   MIN (720, sizes[s][1]));
      wait_mapped (GTK_WIDGET (dialog));
      g_free (name);
      name = g_strdup_printf ("commitment-editor-%dx%d.png", sizes[s][0], sizes[s][1]);
      save_screenshot (GTK_WIDGET (dialog), dir, name);

      /* its progress, at the bottom */
      adjustment = gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (dialog_child (dialog, "scrolled")));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      g_free (name);
      name = g_strdup_printf ("commitment-progress-%dx%d.png", sizes[s][0], sizes[s][1]);
      save_screenshot (GTK_WIDGET (dialog), dir, name);

      /* refused, saying what is missing */
      set_text (dialog_child (dialog, "indicator_row"), "");
      set_text (dialog_child (dialog, "target_row"), "");
      abierto_commitment_dialog_save (dialog, FALSE);
      g_free (name);
      name = g_strdup_printf ("commitment-incomplete-%dx%d.png", sizes[s][0], sizes[s][1]);
      save_screenshot (GTK_WIDGET (dialog), dir, name);
      gtk_window_destroy (GTK_WINDOW (dialog));
      iterate_pending ();

      gtk_widget_activate_action (GTK_WIDGET (window), "win.commitments", NULL);
      iterate_pending ();
      all = find_toplevel (ABIERTO_TYPE_ALL_COMMITMENTS_WINDOW);
      gtk_window_set_default_size (GTK_WINDOW (all), MIN (900, sizes[s][0]),
                                   MIN (680, sizes[s][1]));
      wait_mapped (all);
      g_free (name);
      name = g_strdup_printf ("all-commitments-%dx%d.png", sizes[s][0], sizes[s][1]);
      save_screenshot (all, dir, name);
      gtk_window_destroy (GTK_WINDOW (all));

      destroy_window (window);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/commitments/add-edit-progress", CommitmentsFixture, NULL,
              commitments_set_up, test_add_edit_progress, commitments_tear_down);
  g_test_add ("/commitments/keyboard", CommitmentsFixture, NULL,
              commitments_set_up, test_keyboard, commitments_tear_down);
  g_test_add ("/commitments/all", CommitmentsFixture, NULL,
              commitments_set_up, test_all_commitments, commitments_tear_down);
  g_test_add ("/commitments/narrow", CommitmentsFixture, NULL,
              commitments_set_up, test_narrow, commitments_tear_down);
  g_test_add ("/commitments/screenshots", CommitmentsFixture, NULL,
              commitments_set_up, test_screenshots, commitments_tear_down);

  return g_test_run ();
}
