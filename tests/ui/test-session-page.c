/* test-session-page.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "abierto-chart-area.h"
#include "abierto-participants-view.h"
#include "abierto-proposals-view.h"
#include "abierto-results-view.h"
#include "abierto-session-page.h"
#include "abierto-vote-row.h"
#include "abierto-voting-view.h"

typedef struct
{
  char             *dir;      /* owned, a temporary directory */
  AbiertoStore     *store;    /* owned */
  AbiertoUndoStack *undo;     /* owned */
  GtkWindow        *window;   /* owned by GTK */
  GtkWidget        *page;     /* borrowed */
  gint64            session_id;
} Fixture;

/* Helpers */

static void collect_descendants (GtkWidget *widget,
                                 GType      type,
                                 GPtrArray *found);

/* Whether a view of any window is still counting votes in a worker. */
static gboolean
any_counting (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      collect_descendants (toplevel, ABIERTO_TYPE_RESULTS_VIEW, views);
      collect_descendants (toplevel, ABIERTO_TYPE_VOTING_VIEW, views);
    }

  for (guint i = 0; i < views->len; i++)
    if ((ABIERTO_IS_RESULTS_VIEW (views->pdata[i])
         && abierto_results_view_get_computing (views->pdata[i]))
        || (ABIERTO_IS_VOTING_VIEW (views->pdata[i])
            && abierto_voting_view_get_counting (views->pdata[i])))
      return TRUE;

  return FALSE;
}

/* Runs what is pending, and waits for the counts in workers: results
 * are counted in a worker thread. */
static void
iterate_pending (void)
{
  do
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
  while (any_counting () && g_main_context_iteration (NULL, TRUE));
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static GtkWidget *
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkWidget *
view_of (Fixture    *fixture,
         const char *name)
{
  return child_of (fixture->page, ABIERTO_TYPE_SESSION_PAGE, name);
}

/* Every descendant of @type, in the order of the widget tree. */
static void
collect_descendants (GtkWidget *widget,
                     GType      type,
                     GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_descendants (child, type, found);
}

/* The rows of a list box, without its placeholder. */
static GPtrArray *
list_rows (GtkWidget *list)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    g_ptr_array_add (rows, row);

  return rows;
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

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  iterate_pending ();
}

static void
type_and_activate (GtkWidget  *entry_row,
                   const char *text)
{
  gtk_widget_grab_focus (entry_row);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  g_signal_emit_by_name (entry_row, "entry-activated");
  iterate_pending ();
}

static AdwMessageDialog *find_message_dialog (void);

/* Types an alias, presses Enter and says yes in the consent dialog, as a
 * facilitator does once the person agreed. */
static void
add_with_consent (GtkWidget  *entry_row,
                  const char *alias)
{
  g_autofree char *heading = g_strdup_printf ("Did “%s” agree?", alias);
  AdwMessageDialog *dialog;

  type_and_activate (entry_row, alias);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  /* Enter: the default response, once the dialog is up; a button's
   * click comes 250 ms after it is activated */
  while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_activate_default (GTK_WIDGET (dialog));
  while (find_message_dialog () != NULL)
    g_main_context_iteration (NULL, TRUE);
  iterate_pending ();
  g_assert_null (find_message_dialog ());
}

static guint
n_items (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  g_object_unref (model);
  return n;
}

static gint64
add_participant (Fixture    *fixture,
                 const char *alias)
{
  g_autoptr(AbiertoParticipant) participant = abierto_participant_new (fixture->session_id,
                                                                        alias);
  g_autoptr(GError) error = NULL;

  abierto_store_add_participant (fixture->store, participant, &error);
  g_assert_no_error (error);
  return abierto_participant_get_id (participant);
}

static gint64
add_proposal (Fixture    *fixture,
              const char *text,
              const char *category)
{
  g_autoptr(AbiertoProposal) proposal = abierto_proposal_new (fixture->session_id, text);
  g_autoptr(GError) error = NULL;

  abierto_proposal_set_category (proposal, category);
  abierto_store_add_proposal (fixture->store, proposal, &error);
  g_assert_no_error (error);
  return abierto_proposal_get_id (proposal);
}

static void
fixture_set_up_group (Fixture      *fixture,
                      AbiertoGroup  group)
{
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *overlay;

  fixture->dir = g_dir_make_tmp ("abierto-page-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.abierto", NULL);
  fixture->store = abierto_store_open (path, &error);
  g_assert_no_error (error);

  session = abierto_session_new ("Calles seguras para caminar", group);
  abierto_session_set_question (session, "¿Qué haría más seguras las calles de tu colonia?");
  abierto_store_add_session (fixture->store, session, &error);
  g_assert_no_error (error);
  fixture->session_id = abierto_session_get_id (session);

  fixture->undo = abierto_undo_stack_new ();
  fixture->page = abierto_session_page_new (fixture->store, fixture->undo, fixture->session_id);

  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->page);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 800);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->window)))
    g_main_context_iteration (NULL, TRUE);
  iterate_pending ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture_set_up_group (fixture, ABIERTO_GROUP_OLDER_ADULTS);
}

static void
fixture_set_up_children (Fixture       *fixture,
                         gconstpointer  user_data)
{
  fixture_set_up_group (fixture, ABIERTO_GROUP_CHILDREN);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (fixture->window);
  iterate_pending ();
  abierto_undo_stack_clear (fixture->undo);
  g_clear_object (&fixture->undo);
  abierto_store_close (fixture->store, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Tests */

static void
test_views (Fixture       *fixture,
            gconstpointer  user_data)
{
  AdwViewStack *stack = ADW_VIEW_STACK (view_of (fixture, "stack"));
  GtkWidget *title = view_of (fixture, "title_label");
  GtkWidget *question = view_of (fixture, "question_label");
  static const char * const names[] = { "participants", "proposals", "voting", "results" };

  /* the page leads with the guiding question; the window names the session */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (title)), ==,
                   "¿Qué haría más seguras las calles de tu colonia?");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (question)), ==, "Calles seguras para caminar");

  /* What Alt+1 … Alt+4 do */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gtk_widget_activate_action (fixture->page, "session.show-view", "s", names[i]);
      iterate_pending ();
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, names[i]);
    }

  /* Alt+2 goes into the proposals, ready to type. */
  gtk_widget_activate_action (fixture->page, "session.show-view", "s", "proposals");
  iterate_pending ();
  g_assert_true (has_focus_within (child_of (view_of (fixture, "proposals_view"),
                                             ABIERTO_TYPE_PROPOSALS_VIEW, "text_row")));
}

static void
test_participants_add (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkWidget *view = view_of (fixture, "participants_view");
  GtkWidget *alias = child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "alias_row");
  GtkWidget *list = child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "list");
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(AbiertoParticipant) first = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  abierto_session_page_show_view (ABIERTO_SESSION_PAGE (fixture->page), "participants");
  iterate_pending ();

  add_with_consent (alias, "Lupita");
  participants = abierto_store_list_participants (fixture->store, fixture->session_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 1);
  first = g_list_model_get_item (participants, 0);
  g_assert_cmpstr (abierto_participant_get_alias (first), ==, "Lupita");
  g_assert_cmpint (abierto_participant_get_consent (first), ==, ABIERTO_CONSENT_SELF);

  /* Ready for the next one */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alias)), ==, "");
  g_assert_true (has_focus_within (alias));

  add_with_consent (alias, "Don Beto");
  g_assert_cmpuint (n_items (abierto_store_list_participants (fixture->store,
                                                              fixture->session_id, NULL)), ==, 2);
  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 2);

  /* An alias taken is refused and kept, to be corrected, before anybody
   * reads the notice for nothing */
  type_and_activate (alias, "lupita");
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (n_items (abierto_store_list_participants (fixture->store,
                                                              fixture->session_id, NULL)), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (alias)), ==, "lupita");

  /* Blank adds nobody */
  type_and_activate (alias, "   ");
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (n_items (abierto_store_list_participants (fixture->store,
                                                              fixture->session_id, NULL)), ==, 2);

  /* Delete, and undo */
  click (find_button_with_icon (g_ptr_array_index (rows, 0), "user-trash-symbolic"));
  g_assert_cmpuint (n_items (abierto_store_list_participants (fixture->store,
                                                              fixture->session_id, NULL)), ==, 1);
  g_assert_true (abierto_undo_stack_undo (fixture->undo, NULL, NULL));
  iterate_pending ();
  g_assert_cmpuint (n_items (abierto_store_list_participants (fixture->store,
                                                              fixture->session_id, NULL)), ==, 2);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 2);
}

static void
test_participants_children (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *view = view_of (fixture, "participants_view");
  GtkWidget *alias = child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "alias_row");
  GtkWidget *age = child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "age_row");
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(AbiertoParticipant) child = NULL;

  /* A child's consent is a guardian's, unless the facilitator says so */
  adw_combo_row_set_selected (ADW_COMBO_ROW (age), 2);
  add_with_consent (alias, "Pato");
  participants = abierto_store_list_participants (fixture->store, fixture->session_id, NULL);
  child = g_list_model_get_item (participants, 0);
  g_assert_cmpint (abierto_participant_get_consent (child), ==, ABIERTO_CONSENT_GUARDIAN);
  g_assert_cmpstr (abierto_participant_get_age_band (child), ==, "9-10");
}

static void
test_proposals (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char * const texts[] = {
    "Más luminarias en la calle Miguel Ángel de Quevedo, sobre todo cerca del mercado",
    "Rampas en todas las esquinas",
    "Bancas para descansar",
    "Semáforos con más tiempo para cruzar",
    "Banquetas sin baches",
  };
  GtkWidget *view = view_of (fixture, "proposals_view");
  GtkWidget *text = child_of (view, ABIERTO_TYPE_PROPOSALS_VIEW, "text_row");
  GtkWidget *category = child_of (view, ABIERTO_TYPE_PROPOSALS_VIEW, "category_row");
  GtkWidget *list = child_of (view, ABIERTO_TYPE_PROPOSALS_VIEW, "list");
  g_autoptr(GListModel) proposals = NULL;
  g_autoptr(AbiertoProposal) deleted = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) categories = NULL;
  gint64 deleted_id;

  abierto_session_page_show_view (ABIERTO_SESSION_PAGE (fixture->page), "proposals");
  iterate_pending ();

  gtk_editable_set_text (GTK_EDITABLE (category), "Movilidad");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      type_and_activate (text, texts[i]);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (text)), ==, "");
      g_assert_true (has_focus_within (text));
    }

  proposals = abierto_store_list_proposals (fixture->store, fixture->session_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (proposals, i);

      g_assert_cmpstr (abierto_proposal_get_text (proposal), ==, texts[i]);
      g_assert_cmpstr (abierto_proposal_get_category (proposal), ==, "Movilidad");
    }
  categories = abierto_store_list_categories (fixture->store, fixture->session_id, NULL);
  g_assert_cmpstrv (categories, ((const char * const[]) { "Movilidad", NULL }));

  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 5);

  /* Delete the second, then undo */
  deleted = g_list_model_get_item (proposals, 1);
  deleted_id = abierto_proposal_get_id (deleted);
  click (find_button_with_icon (g_ptr_array_index (rows, 1), "user-trash-symbolic"));
  g_assert_cmpuint (n_items (abierto_store_list_proposals (fixture->store,
                                                           fixture->session_id, NULL)), ==, 4);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 4);

  g_assert_true (abierto_undo_stack_undo (fixture->undo, NULL, NULL));
  iterate_pending ();
  g_clear_object (&proposals);
  proposals = abierto_store_list_proposals (fixture->store, fixture->session_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 5);
  g_clear_object (&deleted);
  deleted = g_list_model_get_item (proposals, 1);
  g_assert_cmpint (abierto_proposal_get_id (deleted), ==, deleted_id);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 5);
}

/* Starts a round from the form of the voting view. */
static AbiertoRound *
start_round (Fixture       *fixture,
             AbiertoMethod  method,
             guint          dots)
{
  GtkWidget *view = view_of (fixture, "voting_view");
  g_autoptr(GListModel) rounds = NULL;
  guint n;

  abierto_session_page_show_view (ABIERTO_SESSION_PAGE (fixture->page), "voting");
  iterate_pending ();

  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (child_of (view,
                                                                        ABIERTO_TYPE_VOTING_VIEW,
                                                                        "stack"))),
                 "new-round") != 0)
    click (child_of (view, ABIERTO_TYPE_VOTING_VIEW, "new_round_button"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (child_of (view, ABIERTO_TYPE_VOTING_VIEW,
                                                       "method_row")), method);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child_of (view, ABIERTO_TYPE_VOTING_VIEW,
                                                        "dots_spin")), dots);
  click (child_of (view, ABIERTO_TYPE_VOTING_VIEW, "start_round_button"));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child_of (view,
                                                                          ABIERTO_TYPE_VOTING_VIEW,
                                                                          "stack"))),
                   ==, "capture");

  rounds = abierto_store_list_rounds (fixture->store, fixture->session_id, NULL);
  n = g_list_model_get_n_items (rounds);
  g_assert_cmpuint (n, >, 0);
  return g_list_model_get_item (rounds, n - 1);
}

static void
choose_voter (Fixture *fixture,
              guint    index)
{
  GtkWidget *view = view_of (fixture, "voting_view");
  GtkWidget *list = child_of (view, ABIERTO_TYPE_VOTING_VIEW, "participant_list");

  gtk_list_box_select_row (GTK_LIST_BOX (list),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index));
  iterate_pending ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child_of (view,
                                                                          ABIERTO_TYPE_VOTING_VIEW,
                                                                          "ballot_stack"))),
                   ==, "ballot");
}

static GPtrArray *
vote_rows (Fixture    *fixture,
           const char *list)
{
  return list_rows (child_of (view_of (fixture, "voting_view"), ABIERTO_TYPE_VOTING_VIEW, list));
}

static GtkWidget *
row_child (gpointer    row,
           const char *name)
{
  return child_of (row, ABIERTO_TYPE_VOTE_ROW, name);
}

/* The score of @proposal_id in the results of @round_id, -1 when not listed */
static double
score_of (Fixture *fixture,
          gint64   round_id,
          gint64   proposal_id)
{
  g_autoptr(AbiertoResults) results = NULL;
  g_autoptr(GError) error = NULL;

  results = abierto_store_compute_results (fixture->store, round_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < abierto_results_get_n_rows (results); i++)
    {
      const AbiertoResultRow *row = abierto_results_get_row (results, i);

      if (row->proposal_id == proposal_id)
        return row->score;
    }

  return -1;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *dialog = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);

  return dialog;
}

static void
test_proposals_merge (Fixture       *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *view = view_of (fixture, "proposals_view");
  GtkWidget *list = child_of (view, ABIERTO_TYPE_PROPOSALS_VIEW, "list");
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GListModel) proposals = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  AdwMessageDialog *dialog;
  GtkDropDown *dropdown;
  GListModel *choices;
  gint64 a, b, p[3], id;
  guint chosen = GTK_INVALID_LIST_POSITION;

  a = add_participant (fixture, "Ana");
  b = add_participant (fixture, "Beto");
  p[0] = add_proposal (fixture, "Rampas en las esquinas", NULL);
  p[1] = add_proposal (fixture, "Rampas en cada esquina", NULL);
  p[2] = add_proposal (fixture, "Luminarias", NULL);

  round = start_round (fixture, ABIERTO_METHOD_DOT, 3);
  id = abierto_round_get_id (round);
  abierto_store_add_vote (fixture->store, id, a, p[0], 2, NULL, &error);
  g_assert_no_error (error);
  abierto_store_add_vote (fixture->store, id, b, p[1], 1, NULL, &error);
  g_assert_no_error (error);

  abierto_session_page_show_view (ABIERTO_SESSION_PAGE (fixture->page), "proposals");
  iterate_pending ();
  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 3);

  /* Merge the second into the first */
  g_assert_null (find_message_dialog ());
  click (find_button_with_icon (g_ptr_array_index (rows, 1), "insert-link-symbolic"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Merge Proposals");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Rampas en cada esquina"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Votes follow"));

  /* The others, numbered as in the list */
  collect_descendants (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (dropdowns->len, ==, 1);
  dropdown = dropdowns->pdata[0];
  choices = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 2);
  for (guint i = 0; i < 2; i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), "1. "))
      chosen = i;
  g_assert_cmpuint (chosen, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1 - chosen), ==,
                   "3. Luminarias");
  gtk_drop_down_set_selected (dropdown, chosen);
  g_signal_emit_by_name (dialog, "response", "merge");
  iterate_pending ();
  g_assert_null (find_message_dialog ());

  proposals = abierto_store_list_proposals (fixture->store, fixture->session_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 2);
  g_assert_cmpfloat (score_of (fixture, id, p[0]), ==, 3);
  g_assert_cmpfloat (score_of (fixture, id, p[1]), ==, -1);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 2);

  /* Undo brings it back with its own dot */
  g_assert_true (abierto_undo_stack_undo (fixture->undo, &label, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Proposals unmerged");
  iterate_pending ();
  g_clear_object (&proposals);
  proposals = abierto_store_list_proposals (fixture->store, fixture->session_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (proposals), ==, 3);
  g_assert_cmpfloat (score_of (fixture, id, p[0]), ==, 2);
  g_assert_cmpfloat (score_of (fixture, id, p[1]), ==, 1);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = list_rows (list);
  g_assert_cmpuint (rows->len, ==, 3);

  /* Cancel merges nothing */
  click (find_button_with_icon (g_ptr_array_index (rows, 2), "insert-link-symbolic"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_signal_emit_by_name (dialog, "response", "cancel");
  iterate_pending ();
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (n_items (abierto_store_list_proposals (fixture->store,
                                                           fixture->session_id, NULL)), ==, 3);
}

static void
test_voting_dot (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) ballot = NULL;
  GtkWidget *view = view_of (fixture, "voting_view");
  GtkWidget *left = child_of (view, ABIERTO_TYPE_VOTING_VIEW, "left_label");
  GtkWidget *symbols = child_of (view, ABIERTO_TYPE_VOTING_VIEW, "dots_symbols_label");
  gint64 ana, p1, p2;

  ana = add_participant (fixture, "Ana");
  add_participant (fixture, "Beto");
  p1 = add_proposal (fixture, "Rampas", NULL);
  p2 = add_proposal (fixture, "Bancas", NULL);
  add_proposal (fixture, "Luminarias", NULL);

  round = start_round (fixture, ABIERTO_METHOD_DOT, 2);
  g_assert_cmpint (abierto_round_get_method (round), ==, ABIERTO_METHOD_DOT);
  g_assert_cmpuint (abierto_round_get_dots (round), ==, 2);

  choose_voter (fixture, 0);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (left)), ==, "2 left");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (symbols)), ==, "○○");

  rows = vote_rows (fixture, "vote_list");
  g_assert_cmpuint (rows->len, ==, 3);

  click (row_child (rows->pdata[0], "give_dot_button"));
  g_assert_cmpint (abierto_store_get_dots_left (fixture->store, abierto_round_get_id (round),
                                                ana, NULL), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (left)), ==, "1 left");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (symbols)), ==, "●○");

  click (row_child (rows->pdata[1], "give_dot_button"));
  g_assert_cmpint (abierto_store_get_dots_left (fixture->store, abierto_round_get_id (round),
                                                ana, NULL), ==, 0);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (left)), ==, "0 left");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (symbols)), ==, "●●");
  for (guint i = 0; i < rows->len; i++)
    g_assert_false (gtk_widget_get_sensitive (row_child (rows->pdata[i], "give_dot_button")));

  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 2);
  g_assert_cmpint (g_array_index (ballot, AbiertoBallotEntry, 0).proposal_id, ==, p1);
  g_assert_cmpint (g_array_index (ballot, AbiertoBallotEntry, 1).proposal_id, ==, p2);

  /* The running total of the round */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (row_child (rows->pdata[0], "total_label"))),
                   ==, "1 dot");

  /* Undo gives the dot back */
  g_assert_true (abierto_undo_stack_undo (fixture->undo, NULL, NULL));
  iterate_pending ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (left)), ==, "1 left");
  g_assert_true (gtk_widget_get_sensitive (row_child (rows->pdata[2], "give_dot_button")));

  /* Taking back a dot from a proposal */
  click (row_child (rows->pdata[0], "take_dot_button"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (left)), ==, "2 left");
  g_assert_false (gtk_widget_get_sensitive (row_child (rows->pdata[0], "take_dot_button")));

  /* Both dots on one proposal */
  click (row_child (rows->pdata[2], "give_dot_button"));
  click (row_child (rows->pdata[2], "give_dot_button"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (row_child (rows->pdata[2], "mine_label"))),
                   ==, "●● 2");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (left)), ==, "0 left");
}

static void
test_voting_approval (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) ballot = NULL;
  GtkWidget *check;
  gint64 ana;

  ana = add_participant (fixture, "Ana");
  add_proposal (fixture, "Rampas", NULL);
  add_proposal (fixture, "Bancas", NULL);

  round = start_round (fixture, ABIERTO_METHOD_APPROVAL, 3);
  choose_voter (fixture, 0);
  rows = vote_rows (fixture, "vote_list");
  check = row_child (rows->pdata[1], "approve_check");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  iterate_pending ();
  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 1);
  g_clear_pointer (&ballot, g_array_unref);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  iterate_pending ();
  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 0);
  g_clear_pointer (&ballot, g_array_unref);

  /* Undo of the untick approves again, and the check shows it */
  g_assert_true (abierto_undo_stack_undo (fixture->undo, NULL, NULL));
  iterate_pending ();
  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 1);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

static void
test_voting_scale (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GArray) ballot = NULL;
  gint64 ana;

  ana = add_participant (fixture, "Ana");
  add_proposal (fixture, "Rampas", NULL);

  /* Children get three faces */
  round = start_round (fixture, ABIERTO_METHOD_SCALE, 3);
  g_assert_cmpuint (abierto_round_get_points (round), ==, 3);
  choose_voter (fixture, 0);
  rows = vote_rows (fixture, "vote_list");
  collect_descendants (row_child (rows->pdata[0], "scale_box"), GTK_TYPE_TOGGLE_BUTTON, buttons);
  g_assert_cmpuint (buttons->len, ==, 3);
  g_assert_nonnull (strstr (gtk_button_get_label (buttons->pdata[2]), "🙂"));

  click (buttons->pdata[2]);
  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 1);
  g_assert_cmpint (g_array_index (ballot, AbiertoBallotEntry, 0).value, ==, 3);
  g_assert_true (gtk_toggle_button_get_active (buttons->pdata[2]));
  g_clear_pointer (&ballot, g_array_unref);

  /* Another face changes the rating */
  click (buttons->pdata[0]);
  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 1);
  g_assert_cmpint (g_array_index (ballot, AbiertoBallotEntry, 0).value, ==, 1);
  g_assert_true (gtk_toggle_button_get_active (buttons->pdata[0]));
  g_assert_false (gtk_toggle_button_get_active (buttons->pdata[2]));
  g_clear_pointer (&ballot, g_array_unref);

  /* Undo puts the first rating back */
  g_assert_true (abierto_undo_stack_undo (fixture->undo, NULL, NULL));
  iterate_pending ();
  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 1);
  g_assert_cmpint (g_array_index (ballot, AbiertoBallotEntry, 0).value, ==, 3);
}

static void
test_voting_ranking (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *view = view_of (fixture, "voting_view");
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) ballot = NULL;
  gint64 ana, p[3];

  ana = add_participant (fixture, "Ana");
  p[0] = add_proposal (fixture, "Rampas", NULL);
  p[1] = add_proposal (fixture, "Bancas", NULL);
  p[2] = add_proposal (fixture, "Luminarias", NULL);

  round = start_round (fixture, ABIERTO_METHOD_RANKING, 3);
  choose_voter (fixture, 0);
  rows = vote_rows (fixture, "vote_list");

  click (row_child (rows->pdata[2], "rank_button"));
  click (row_child (rows->pdata[0], "rank_button"));
  g_assert_false (gtk_widget_get_sensitive (row_child (rows->pdata[2], "rank_button")));

  /* Move the second up */
  click (find_button_with_icon (GTK_WIDGET (gtk_list_box_get_row_at_index (
                                  GTK_LIST_BOX (child_of (view, ABIERTO_TYPE_VOTING_VIEW,
                                                          "ranking_list")), 1)),
                                "go-up-symbolic"));
  click (child_of (view, ABIERTO_TYPE_VOTING_VIEW, "save_ballot_button"));

  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 2);
  for (guint i = 0; i < ballot->len; i++)
    {
      AbiertoBallotEntry *entry = &g_array_index (ballot, AbiertoBallotEntry, i);

      g_assert_cmpint (entry->proposal_id, ==, entry->value == 1 ? p[0] : p[2]);
    }
  g_clear_pointer (&ballot, g_array_unref);
  g_assert_true (gtk_widget_get_visible (child_of (view, ABIERTO_TYPE_VOTING_VIEW,
                                                   "redo_ballot_button")));

  /* Redo takes the ballot back, undo puts it back */
  click (child_of (view, ABIERTO_TYPE_VOTING_VIEW, "redo_ballot_button"));
  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 0);
  g_clear_pointer (&ballot, g_array_unref);
  g_assert_true (abierto_undo_stack_undo (fixture->undo, NULL, NULL));
  iterate_pending ();
  ballot = abierto_store_get_ballot (fixture->store, abierto_round_get_id (round), ana, NULL);
  g_assert_cmpuint (ballot->len, ==, 2);
}

static void
test_voting_tally (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *spin;
  gint64 id, p1;

  p1 = add_proposal (fixture, "Rampas", NULL);
  add_proposal (fixture, "Bancas", NULL);

  round = start_round (fixture, ABIERTO_METHOD_TALLY, 3);
  id = abierto_round_get_id (round);
  rows = vote_rows (fixture, "tally_list");
  g_assert_cmpuint (rows->len, ==, 2);
  spin = row_child (rows->pdata[0], "tally_spin");

  click (row_child (rows->pdata[0], "tally_plus_button"));
  click (row_child (rows->pdata[0], "tally_plus_button"));
  g_assert_cmpuint (abierto_store_get_tally (fixture->store, id, p1, NULL), ==, 2);
  click (row_child (rows->pdata[0], "tally_minus_button"));
  g_assert_cmpuint (abierto_store_get_tally (fixture->store, id, p1, NULL), ==, 1);

  /* A typed count */
  gtk_widget_grab_focus (spin);
  gtk_editable_set_text (GTK_EDITABLE (spin), "12");
  /* GTK 4.8 spin buttons have no ::activate; their text does */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate");
  iterate_pending ();
  g_assert_cmpuint (abierto_store_get_tally (fixture->store, id, p1, NULL), ==, 12);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 12);

  g_assert_true (abierto_undo_stack_undo (fixture->undo, NULL, NULL));
  iterate_pending ();
  g_assert_cmpuint (abierto_store_get_tally (fixture->store, id, p1, NULL), ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 1);
}

/* The labels of a results table row: rank, proposal, then values */
static GPtrArray *
row_texts (GtkListBoxRow *row)
{
  GPtrArray *texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_descendants (GTK_WIDGET (row), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (texts, (gpointer) gtk_label_get_label (labels->pdata[i]));

  return texts;
}

static void
test_results (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = view_of (fixture, "results_view");
  GtkWidget *table = child_of (view, ABIERTO_TYPE_RESULTS_VIEW, "table");
  GtkWidget *chart = child_of (view, ABIERTO_TYPE_RESULTS_VIEW, "chart_area");
  GtkWidget *voters = child_of (view, ABIERTO_TYPE_RESULTS_VIEW, "voters_label");
  GtkListBoxRow *row;
  gint64 a, b, p[3], id;
  int minimum = 0, natural = 0;

  a = add_participant (fixture, "Ana");
  b = add_participant (fixture, "Beto");
  p[0] = add_proposal (fixture, "Rampas", NULL);
  p[1] = add_proposal (fixture, "Bancas", NULL);
  p[2] = add_proposal (fixture, "Luminarias", NULL);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child_of (view,
                                                                          ABIERTO_TYPE_RESULTS_VIEW,
                                                                          "stack"))),
                   ==, "empty");

  round = start_round (fixture, ABIERTO_METHOD_DOT, 3);
  id = abierto_round_get_id (round);
  g_assert_cmpint (abierto_results_view_get_round_id (ABIERTO_RESULTS_VIEW (view)), ==, id);

  abierto_store_add_vote (fixture->store, id, a, p[1], 2, NULL, &error);
  g_assert_no_error (error);
  abierto_store_add_vote (fixture->store, id, a, p[2], 1, NULL, &error);
  g_assert_no_error (error);
  abierto_store_add_vote (fixture->store, id, b, p[1], 1, NULL, &error);
  g_assert_no_error (error);
  abierto_store_add_vote (fixture->store, id, b, p[0], 2, NULL, &error);
  g_assert_no_error (error);

  abierto_session_page_show_view (ABIERTO_SESSION_PAGE (fixture->page), "results");
  iterate_pending ();

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (voters)), ==, "2 people voted");

  /* Header, then best first: Bancas 3 dots in 2 votes, Rampas 2 in 1,
   * Luminarias 1 in 1 */
  {
    static const char * const want[][4] = {
      { "Rank", "Proposal", "Dots", "Votes" },
      { "1", "Bancas", "3", "2" },
      { "2", "Rampas", "2", "1" },
      { "3", "Luminarias", "1", "1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      {
        g_autoptr(GPtrArray) texts = NULL;

        row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (table), i);
        g_assert_nonnull (row);
        texts = row_texts (row);
        g_assert_cmpuint (texts->len, ==, 4);
        for (guint j = 0; j < 4; j++)
          g_assert_cmpstr (texts->pdata[j], ==, want[i][j]);
      }
    g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (table), G_N_ELEMENTS (want)));
  }

  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 800, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, >, 0);
  /* and it gets it, after a frame */
  for (int i = 0; i < 200 && gtk_widget_get_height (chart) == 0; i++)
    {
      g_usleep (10000);
      iterate_pending ();
    }
  g_assert_cmpint (gtk_widget_get_height (chart), >, 0);

  /* An anonymous dot makes a tie, explained under the table */
  abierto_store_add_vote (fixture->store, id, 0, p[0], 1, NULL, &error);
  g_assert_no_error (error);
  iterate_pending ();
  {
    g_autoptr(GPtrArray) texts = row_texts (gtk_list_box_get_row_at_index (GTK_LIST_BOX (table),
                                                                           2));
    g_autoptr(GPtrArray) ties = g_ptr_array_new ();

    g_assert_cmpstr (texts->pdata[0], ==, "=1");
    g_assert_cmpstr (texts->pdata[2], ==, "3");
    collect_descendants (child_of (view, ABIERTO_TYPE_RESULTS_VIEW, "ties_box"),
                         GTK_TYPE_LABEL, ties);
    g_assert_cmpuint (ties->len, >, 0);
    g_assert_true (gtk_widget_get_visible (child_of (view, ABIERTO_TYPE_RESULTS_VIEW,
                                                     "ties_group")));
  }

  /* The projector opens and closes */
  {
    GtkWidget *button = child_of (view, ABIERTO_TYPE_RESULTS_VIEW, "projector_button");

    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
    iterate_pending ();
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
    iterate_pending ();
  }
}

/* Screenshots, when ABIERTO_SCREENSHOT_DIR says where */

static void
save_screenshot (GtkWidget  *widget,
                 const char *dir,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  /* Let the page lay out and draw first. */
  for (int i = 0; i < 20; i++)
    {
      g_usleep (10000);
      iterate_pending ();
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s (%dx%d)", path, width, height);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char * const aliases[] = {
    "Doña Chela", "Don Beto", "Lupita", "Tere", "Don Chucho", "Rosita", "Memo",
  };
  static const char * const proposals[][2] = {
    { "Más luminarias en la calle Miguel Ángel de Quevedo, sobre todo cerca del mercado y de "
      "la parada del camión, donde de noche no se ve nada", "Seguridad" },
    { "Rampas en todas las esquinas del centro de Coyoacán", "Movilidad" },
    { "Bancas a la sombra para descansar en el camino al centro de salud", "Espacio público" },
    { "Semáforos con más tiempo para cruzar Avenida Universidad", "Movilidad" },
    { "Banquetas sin baches ni raíces levantadas", "Movilidad" },
    { "Un policía de barrio que conozca a los vecinos", "Seguridad" },
  };
  const char *dir = g_getenv ("ABIERTO_SCREENSHOT_DIR");
  g_autoptr(AbiertoRound) round = NULL;
  gint64 people[G_N_ELEMENTS (aliases)];
  gint64 ids[G_N_ELEMENTS (proposals)];
  g_autoptr(GPtrArray) rows = NULL;
  gint64 id;

  if (dir == NULL)
    {
      g_test_skip ("set ABIERTO_SCREENSHOT_DIR to take screenshots");
      return;
    }
  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    people[i] = add_participant (fixture, aliases[i]);
  for (guint i = 0; i < G_N_ELEMENTS (proposals); i++)
    ids[i] = add_proposal (fixture, proposals[i][0], proposals[i][1]);

  abierto_session_page_show_view (ABIERTO_SESSION_PAGE (fixture->page), "proposals");
  save_screenshot (GTK_WIDGET (fixture->window), dir, "page-proposals-1280x800.png");

  {
    GtkWidget *list = child_of (view_of (fixture, "proposals_view"), ABIERTO_TYPE_PROPOSALS_VIEW,
                                "list");
    AdwMessageDialog *dialog;

    rows = list_rows (list);
    click (find_button_with_icon (rows->pdata[3], "insert-link-symbolic"));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)))
      g_main_context_iteration (NULL, TRUE);
    save_screenshot (GTK_WIDGET (dialog), dir, "page-proposals-merge.png");
    g_signal_emit_by_name (dialog, "response", "cancel");
    iterate_pending ();
    g_clear_pointer (&rows, g_ptr_array_unref);
  }

  round = start_round (fixture, ABIERTO_METHOD_DOT, 3);
  id = abierto_round_get_id (round);
  for (guint i = 0; i < 5; i++)
    for (guint j = 0; j < 3; j++)
      abierto_store_add_vote (fixture->store, id, people[i], ids[(i * 2 + j * j) % 6], 1, NULL,
                              NULL);
  abierto_store_add_vote (fixture->store, id, people[5], ids[1], 2, NULL, NULL);
  iterate_pending ();

  choose_voter (fixture, 5);
  rows = vote_rows (fixture, "vote_list");
  gtk_widget_grab_focus (row_child (rows->pdata[0], "give_dot_button"));
  save_screenshot (GTK_WIDGET (fixture->window), dir, "page-voting-dot-1280x800.png");

  abierto_session_page_show_view (ABIERTO_SESSION_PAGE (fixture->page), "results");
  save_screenshot (GTK_WIDGET (fixture->window), dir, "page-results-1280x800.png");

  {
    GtkWidget *view = view_of (fixture, "results_view");
    GtkWidget *button = child_of (view, ABIERTO_TYPE_RESULTS_VIEW, "projector_button");
    GtkWidget *projector = NULL;
    GList *toplevels;

    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (l->data != (gpointer) fixture->window)
        projector = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (projector);
    while (!gtk_widget_get_mapped (projector))
      g_main_context_iteration (NULL, TRUE);
    save_screenshot (projector, dir, "page-projector.png");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
    iterate_pending ();
  }

  abierto_session_page_show_view (ABIERTO_SESSION_PAGE (fixture->page), "participants");
  save_screenshot (GTK_WIDGET (fixture->window), dir, "page-participants-1280x800.png");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* As a GNOME session would set it; ABIERTO_SCREENSHOT_SCALE=1.5 for
   * large text and ABIERTO_SCREENSHOT_DARK=1 for the dark style, to look
   * at by hand. */
  if (g_getenv ("ABIERTO_SCREENSHOT_DIR") != NULL)
    {
      const char *scale = g_getenv ("ABIERTO_SCREENSHOT_SCALE");
      g_autofree char *font = g_strdup_printf ("Cantarell %g",
                                               11 * (scale != NULL ? g_ascii_strtod (scale, NULL)
                                                                   : 1.0));

      g_object_set (gtk_settings_get_default (), "gtk-font-name", font, NULL);
      if (g_getenv ("ABIERTO_SCREENSHOT_DARK") != NULL)
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            ADW_COLOR_SCHEME_FORCE_DARK);
    }

  g_test_add ("/session-page/views", Fixture, NULL,
              fixture_set_up, test_views, fixture_tear_down);
  g_test_add ("/session-page/participants/add", Fixture, NULL,
              fixture_set_up, test_participants_add, fixture_tear_down);
  g_test_add ("/session-page/participants/children", Fixture, NULL,
              fixture_set_up_children, test_participants_children, fixture_tear_down);
  g_test_add ("/session-page/proposals", Fixture, NULL,
              fixture_set_up, test_proposals, fixture_tear_down);
  g_test_add ("/session-page/proposals/merge", Fixture, NULL,
              fixture_set_up, test_proposals_merge, fixture_tear_down);
  g_test_add ("/session-page/voting/dot", Fixture, NULL,
              fixture_set_up, test_voting_dot, fixture_tear_down);
  g_test_add ("/session-page/voting/approval", Fixture, NULL,
              fixture_set_up, test_voting_approval, fixture_tear_down);
  g_test_add ("/session-page/voting/scale", Fixture, NULL,
              fixture_set_up_children, test_voting_scale, fixture_tear_down);
  g_test_add ("/session-page/voting/ranking", Fixture, NULL,
              fixture_set_up, test_voting_ranking, fixture_tear_down);
  g_test_add ("/session-page/voting/tally", Fixture, NULL,
              fixture_set_up, test_voting_tally, fixture_tear_down);
  g_test_add ("/session-page/results", Fixture, NULL,
              fixture_set_up, test_results, fixture_tear_down);
  g_test_add ("/session-page/screenshots", Fixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
