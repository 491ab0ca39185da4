/* test-privacy.c: consent, the ARCO rights, preferences and open data,
 * through the window
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "abierto-demo.h"
#include "abierto-export-dialog.h"
#include "abierto-opendata-dialog.h"
#include "abierto-participants-view.h"
#include "abierto-preferences-window.h"
#include "abierto-privacy.h"
#include "abierto-session-page.h"

#include "test-util.h"

/* typed by nobody else: looked for in the bytes of the file */
#define ERASED_ALIAS "Xochiquetzal Zazil"

/* Helpers */

static AdwMessageDialog *
find_message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
no_message_dialog (gpointer data)
{
  return find_message_dialog () == NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The button of a message dialog's response, by its label */
static GtkWidget *
response_button (AdwMessageDialog *dialog,
                 const char       *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_descendants (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0)
      return buttons->pdata[i];

  g_error ("no button “%s”", label);
  return NULL;
}

/* Clicks a response as a user does; the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *label)
{
  wait_until (is_mapped, dialog, "the dialog to show");
  g_signal_emit_by_name (response_button (dialog, label), "clicked");
  wait_until (no_message_dialog, NULL, "the dialog to close");
  iterate_pending ();
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static char *
text_view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gint64
only_session_id (AbiertoStore *store)
{
  g_autoptr(GListModel) sessions = abierto_store_list_sessions (store, NULL);
  g_autoptr(AbiertoSession) session = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (sessions), ==, 1);
  session = g_list_model_get_item (sessions, 0);
  return abierto_session_get_id (session);
}

/* The window on the fixture's store, with its only session on show. */
static AbiertoWindow *
present_session (Fixture *fixture)
{
  AbiertoWindow *window = abierto_window_new (NULL, fixture->store);
  g_autoptr(GPtrArray) rows = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  rows = list_rows (sessions_list (window));
  g_assert_cmpuint (rows->len, ==, 1);
  gtk_list_box_select_row (sessions_list (window), rows->pdata[0]);
  iterate_pending ();
  g_assert_cmpstr (visible_page (window), ==, "session");

  return window;
}

static GtkWidget *
participants_view (AbiertoWindow *window)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (window), ABIERTO_TYPE_SESSION_PAGE, NULL);
  GtkWidget *view = find_descendant (GTK_WIDGET (window), ABIERTO_TYPE_PARTICIPANTS_VIEW, NULL);

  g_assert_nonnull (page);
  g_assert_nonnull (view);
  abierto_session_page_show_view (ABIERTO_SESSION_PAGE (page), "participants");
  iterate_pending ();

  return view;
}

/* Types @alias in the Alias entry and presses Enter: the consent dialog
 * comes up. */
static AdwMessageDialog *
type_alias (GtkWidget  *view,
            const char *alias)
{
  GtkWidget *entry = child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "alias_row");
  AdwMessageDialog *dialog;

  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), alias);
  g_signal_emit_by_name (entry, "entry-activated");
  iterate_pending ();

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  wait_until (is_mapped, dialog, "the consent dialog");
  return dialog;
}

/* The rows of the participants, without the placeholder */
static GPtrArray *
participant_rows (GtkWidget *view)
{
  GtkListBox *list = GTK_LIST_BOX (child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "list"));
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    g_ptr_array_add (rows, row);

  return rows;
}

static AbiertoParticipant *
get_only_participant (AbiertoStore *store,
                      gint64        session_id)
{
  g_autoptr(GListModel) participants = abierto_store_list_participants (store, session_id, NULL);

  g_assert_nonnull (participants);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 1);
  return g_list_model_get_item (participants, 0);
}

/* Counts with SQL, on a connection of its own, what the file holds. */
static gint64
count_rows (const char *path,
            const char *sql,
            const char *text)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

static void
fixture_set_up_session (Fixture       *fixture,
                        gconstpointer  user_data)
{
  fixture_set_up (fixture, user_data);
  add_session (fixture->store, "Calles seguras", GPOINTER_TO_INT (user_data), "2026-03-14",
               "Coyoacán");
}

static void
fixture_set_up_demo (Fixture       *fixture,
                     gconstpointer  user_data)
{
  fixture_set_up (fixture, user_data);
  add_demo (fixture->store);
}

static void
fixture_tear_down_settings (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* the memory backend lives as long as the process */
  g_settings_reset (settings, "privacy-threshold");
  fixture_tear_down (fixture, user_data);
}

/* Tests */

/* Enter on an alias shows the notice; Agreed stores them, with the
 * version they were shown and today's date. */
static void
test_consent_agreed (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 session_id = only_session_id (fixture->store);
  AbiertoWindow *window = present_session (fixture);
  GtkWidget *view = participants_view (window);
  GtkWidget *entry = child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "alias_row");
  g_autoptr(AbiertoParticipant) ana = NULL;
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  AdwMessageDialog *dialog;
  guint version = 0;

  dialog = type_alias (view, "Ana");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Did “Ana” agree?");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "agreed");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "not-agreed");
  /* nothing is stored while they listen */
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM participant", NULL), ==, 0);

  /* the notice of the file, in full, and its version */
  g_assert_true (abierto_store_get_notice (fixture->store, &version, &notice, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 1);
  shown = text_view_text (child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "notice_view"));
  g_assert_cmpstr (shown, ==, notice);
  g_assert_true (gtk_widget_is_ancestor (child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW,
                                                   "notice_view"), GTK_WIDGET (dialog)));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (child_of (view,
                                                                       ABIERTO_TYPE_PARTICIPANTS_VIEW,
                                                                       "notice_view"))));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW,
                                                             "notice_label"))),
                   ==, "Privacy Notice, Version 1");
  /* who consents: the person, for adults */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child_of (view,
                                                                         ABIERTO_TYPE_PARTICIPANTS_VIEW,
                                                                         "consent_who_row"))),
                    ==, 0);
  /* Enter again is the default response: Agreed */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog))
                 == response_button (dialog, "_Agreed"));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog))
                 == response_button (dialog, "_Agreed"));

  respond (dialog, "_Agreed");

  ana = get_only_participant (fixture->store, session_id);
  g_assert_cmpstr (abierto_participant_get_alias (ana), ==, "Ana");
  g_assert_cmpuint (abierto_participant_get_notice_version (ana), ==, 1);
  g_assert_cmpint (abierto_participant_get_consent (ana), ==, ABIERTO_CONSENT_SELF);
  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_true (g_str_has_prefix (abierto_participant_get_consent_date (ana), today));
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT count(*) FROM participant WHERE alias = ?1 "
                               "AND notice_version = 1", "Ana"), ==, 1);

  /* ready for the next one, and the row says which notice */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (has_focus_within (entry));
  rows = participant_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[0]), "Notice v1"));

  /* a new version of the notice is the one shown and recorded next */
  g_assert_true (abierto_store_set_notice (fixture->store, "Aviso de privacidad, segunda versión.",
                                           &version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
  dialog = type_alias (view, "Beto");
  g_clear_pointer (&shown, g_free);
  shown = text_view_text (child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "notice_view"));
  g_assert_cmpstr (shown, ==, "Aviso de privacidad, segunda versión.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW,
                                                             "notice_label"))),
                   ==, "Privacy Notice, Version 2");
  /* Enter, Enter */
  gtk_widget_activate_default (GTK_WIDGET (dialog));
  wait_until (no_message_dialog, NULL, "the dialog to close");
  iterate_pending ();
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT notice_version FROM participant WHERE alias = ?1", "Beto"),
                   ==, 2);
  participants = abierto_store_list_participants (fixture->store, session_id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 2);

  /* Undo takes the last one back, as before */
  g_assert_true (abierto_undo_stack_undo (abierto_window_get_undo_stack (window), NULL, NULL));
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT count(*) FROM participant WHERE deleted = 0", NULL), ==, 1);

  destroy_window (window);
}

/* Did Not Agree, or Escape: nobody is stored, and the toast says their
 * votes can still count. */
static void
test_consent_refused (Fixture       *fixture,
                      gconstpointer  user_data)
{
  AbiertoWindow *window = present_session (fixture);
  GtkWidget *view = participants_view (window);
  GtkWidget *entry = child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "alias_row");
  AdwMessageDialog *dialog;

  dialog = type_alias (view, "Carmen");
  respond (dialog, "_Did Not Agree");

  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM participant", NULL), ==, 0);
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT count(*) FROM participant WHERE alias = ?1", "Carmen"),
                   ==, 0);
  /* what was typed goes too, and the keyboard is back for the next one */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (has_focus_within (entry));
  g_assert_true (has_label_prefix (GTK_WIDGET (window), "Nobody was recorded. Their votes can "
                                                        "still be counted without a name."));
  g_assert_false (abierto_undo_stack_can_undo (abierto_window_get_undo_stack (window)));

  /* Escape is a no too */
  dialog = type_alias (view, "Dalia");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  wait_until (no_message_dialog, NULL, "the dialog to close");
  iterate_pending ();
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM participant", NULL), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (has_focus_within (entry));

  destroy_window (window);
}

/* For a children's session, a parent or guardian consents. */
static void
test_consent_guardian (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gint64 session_id = only_session_id (fixture->store);
  AbiertoWindow *window = present_session (fixture);
  GtkWidget *view = participants_view (window);
  GtkWidget *who = child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW, "consent_who_row");
  g_autoptr(AbiertoParticipant) child = NULL;
  AdwMessageDialog *dialog;

  dialog = type_alias (view, "Pato");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (who)), ==, 1);
  respond (dialog, "_Agreed");

  child = get_only_participant (fixture->store, session_id);
  g_assert_cmpint (abierto_participant_get_consent (child), ==, ABIERTO_CONSENT_GUARDIAN);
  g_assert_cmpuint (abierto_participant_get_notice_version (child), ==, 1);

  destroy_window (window);
}

/* Exclude From Exports: a toggle, in words in the row, undone by Undo. */
static void
test_opposed (Fixture       *fixture,
              gconstpointer  user_data)
{
  gint64 session_id = only_session_id (fixture->store);
  g_autoptr(AbiertoParticipant) added = abierto_participant_new (session_id, "Elena");
  g_autoptr(AbiertoParticipant) stored = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  AbiertoWindow *window;
  GtkWidget *view;
  GtkWidget *menu_button;

  abierto_store_add_participant (fixture->store, added, &error);
  g_assert_no_error (error);
  window = present_session (fixture);
  view = participants_view (window);

  rows = participant_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_null (strstr (adw_action_row_get_subtitle (rows->pdata[0]), "Excluded"));
  menu_button = find_descendant (rows->pdata[0], GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (menu_button);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (menu_button)), ==,
                   "view-more-symbolic");

  g_assert_true (gtk_widget_activate_action (rows->pdata[0], "participant.exclude", NULL));
  iterate_pending ();
  stored = get_only_participant (fixture->store, session_id);
  g_assert_true (abierto_participant_get_opposed (stored));
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT opposed FROM participant WHERE alias = ?1", "Elena"), ==, 1);
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = participant_rows (view);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (rows->pdata[0]),
                            "Excluded from exports"));
  g_assert_true (has_label_prefix (GTK_WIDGET (window), "“Elena” will be left out of exports"));

  /* Undo */
  g_assert_true (abierto_undo_stack_undo (abierto_window_get_undo_stack (window), &label,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Counted in exports again");
  iterate_pending ();
  g_clear_object (&stored);
  stored = get_only_participant (fixture->store, session_id);
  g_assert_false (abierto_participant_get_opposed (stored));
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = participant_rows (view);
  g_assert_null (strstr (adw_action_row_get_subtitle (rows->pdata[0]), "Excluded"));

  /* a toggle: twice is back to where it was, and Undo undoes the last */
  g_assert_true (gtk_widget_activate_action (rows->pdata[0], "participant.exclude", NULL));
  iterate_pending ();
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = participant_rows (view);
  g_assert_true (gtk_widget_activate_action (rows->pdata[0], "participant.exclude", NULL));
  iterate_pending ();
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT opposed FROM participant WHERE alias = ?1", "Elena"), ==, 0);
  g_clear_pointer (&label, g_free);
  g_assert_true (abierto_undo_stack_undo (abierto_window_get_undo_stack (window), &label,
                                          &error));
  g_assert_cmpstr (label, ==, "Left out of exports again");
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT opposed FROM participant WHERE alias = ?1", "Elena"), ==, 1);

  destroy_window (window);
}

static gboolean
contains_bytes (const char *contents,
                gsize       length,
                const char *needle)
{
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* Erase: asked once, cannot be undone, and the alias is gone from the
 * store, from the undo stack and from the bytes of the file. */
static void
test_erase (Fixture       *fixture,
            gconstpointer  user_data)
{
  gint64 session_id = only_session_id (fixture->store);
  g_autoptr(AbiertoProposal) proposal = NULL;
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(AbiertoParticipant) person = NULL;
  g_autoptr(AbiertoProposal) kept = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *wal_path = g_strconcat (fixture->path, "-wal", NULL);
  AbiertoUndoStack *undo;
  AbiertoWindow *window;
  AdwMessageDialog *dialog;
  GtkWidget *view;
  gint64 person_id;
  gsize length;
  guint undone = 0;

  window = present_session (fixture);
  undo = abierto_window_get_undo_stack (window);
  view = participants_view (window);

  /* added with consent, then edited: both on the undo stack, and the
   * edit's step holds a copy of them */
  respond (type_alias (view, ERASED_ALIAS), "_Agreed");
  person = get_only_participant (fixture->store, session_id);
  person_id = abierto_participant_get_id (person);
  rows = participant_rows (view);
  g_assert_cmpuint (rows->len, ==, 1);
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *edit = NULL;

    collect_descendants (rows->pdata[0], GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), "document-edit-symbolic") == 0)
        edit = buttons->pdata[i];
    g_assert_nonnull (edit);
    g_signal_emit_by_name (edit, "clicked");
    iterate_pending ();
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    gtk_editable_set_text (GTK_EDITABLE (child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW,
                                                   "edit_age_row")), "70-79");
    /* rectification: the gender too, in their own words */
    gtk_editable_set_text (GTK_EDITABLE (child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW,
                                                   "edit_gender_row")), "Mujer trans");
    respond (dialog, "_Save");
  }
  {
    g_autoptr(AbiertoParticipant) edited = get_only_participant (fixture->store, session_id);
    g_autoptr(GPtrArray) edited_rows = NULL;

    g_assert_cmpstr (abierto_participant_get_age_band (edited), ==, "70-79");
    g_assert_cmpstr (abierto_participant_get_gender (edited), ==, "Mujer trans");
    iterate_pending ();
    edited_rows = participant_rows (view);
    g_assert_cmpuint (edited_rows->len, ==, 1);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (edited_rows->pdata[0]), "70-79"));
    /* the list may be seen by others at the table: no gender in it */
    g_assert_null (strstr (adw_action_row_get_subtitle (edited_rows->pdata[0]), "Mujer"));
  }

  /* a proposal of theirs and a vote */
  proposal = abierto_proposal_new (session_id, "Bancas a la sombra");
  abierto_proposal_set_author_id (proposal, person_id);
  abierto_store_add_proposal (fixture->store, proposal, &error);
  g_assert_no_error (error);
  round = abierto_round_new (session_id, ABIERTO_METHOD_APPROVAL);
  abierto_store_add_round (fixture->store, round, &error);
  g_assert_no_error (error);
  abierto_store_add_vote (fixture->store, abierto_round_get_id (round), person_id,
                          abierto_proposal_get_id (proposal), 1, NULL, &error);
  g_assert_no_error (error);
  iterate_pending ();

  /* Erase…, which asks first; Cancel keeps them */
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = participant_rows (view);
  g_assert_true (gtk_widget_activate_action (rows->pdata[0], "participant.erase", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Erase “" ERASED_ALIAS "”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cannot be undone"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "anonymous votes"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "erase"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  respond (dialog, "_Cancel");
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM participant", NULL), ==, 1);

  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = participant_rows (view);
  g_assert_true (gtk_widget_activate_action (rows->pdata[0], "participant.erase", NULL));
  respond (find_message_dialog (), "_Erase");

  /* gone; their proposal stays without an author, their vote anonymous */
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM participant", NULL), ==, 0);
  kept = abierto_store_get_proposal (fixture->store, abierto_proposal_get_id (proposal), &error);
  g_assert_no_error (error);
  g_assert_cmpint (abierto_proposal_get_author_id (kept), ==, 0);
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT count(*) FROM vote WHERE participant_id IS NULL", NULL),
                   ==, 1);
  g_assert_true (has_label_prefix (GTK_WIDGET (window), "Their data was erased."));
  g_ptr_array_unref (g_steal_pointer (&rows));
  rows = participant_rows (view);
  g_assert_cmpuint (rows->len, ==, 0);

  /* Nothing on the undo stack brings them back: each entry that would
   * touch them fails, saying why. */
  while (abierto_undo_stack_can_undo (undo))
    {
      g_autoptr(GError) undo_error = NULL;

      if (!abierto_undo_stack_undo (undo, NULL, &undo_error))
        {
          g_assert_nonnull (strstr (undo_error->message, "erased"));
          undone++;
        }
      iterate_pending ();
    }
  g_assert_cmpuint (undone, ==, 2);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM participant", NULL), ==, 0);
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT count(*) FROM participant WHERE alias = ?1", ERASED_ALIAS),
                   ==, 0);

  /* and not in the bytes of the file, nor beside it */
  destroy_window (window);
  g_assert_true (abierto_store_close (fixture->store, &error));
  g_assert_no_error (error);

  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);
  g_assert_false (contains_bytes (contents, length, ERASED_ALIAS));
  g_assert_false (contains_bytes (contents, length, "Xochiquetzal"));
  /* the proposal stays */
  g_assert_true (contains_bytes (contents, length, "Bancas a la sombra"));
  g_clear_pointer (&contents, g_free);
  if (g_file_get_contents (wal_path, &contents, &length, NULL))
    g_assert_false (contains_bytes (contents, length, "Xochiquetzal"));
}

/* The chooser on show; GtkFileChooserNative keeps its dialog, hidden,
 * until it is finalized. */
static GtkWidget *
shown_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

static gboolean
has_file_chooser (gpointer data)
{
  return shown_file_chooser () != NULL;
}

static gboolean
no_file_chooser (gpointer data)
{
  return shown_file_chooser () == NULL;
}

/* Access: Save Their Data… asks where, offering a PDF to hand over (the
 * file's name says whose it is) or JSON. Writing either is core's and
 * report's, tested there; the file chooser is answered by a person. */
static void
test_access (Fixture       *fixture,
             gconstpointer  user_data)
{
  gint64 session_id = only_session_id (fixture->store);
  g_autoptr(AbiertoParticipant) added = abierto_participant_new (session_id, "Fernanda");
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  AbiertoWindow *window;
  GtkWidget *chooser;

  /* GTK 4.8's file chooser keeps a few allocations to the end of the
   * process (in its threads), which LeakSanitizer reports but cannot
   * attribute past GLib's frames: under the sanitizers this test runs
   * alone, without the leak check (tests/ui/meson.build). */
#ifdef __SANITIZE_ADDRESS__
  if (g_getenv ("ABIERTO_TEST_FILE_CHOOSER") == NULL)
    {
      g_test_skip ("the file chooser runs in a test of its own under the sanitizers");
      return;
    }
#endif

  abierto_store_add_participant (fixture->store, added, &error);
  g_assert_no_error (error);
  window = present_session (fixture);
  rows = participant_rows (participants_view (window));
  g_assert_cmpuint (rows->len, ==, 1);

  g_assert_true (gtk_widget_activate_action (rows->pdata[0], "participant.save-data", NULL));
  wait_until (has_file_chooser, NULL, "the file chooser");
  chooser = shown_file_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "Fernanda - personal data.pdf");
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser))),
                   ==, "PDF documents");

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  wait_until (no_file_chooser, NULL, "the file chooser to close");

  destroy_window (window);
}

/* The notice is edited in Preferences; each save is a new version. */
static void
test_preferences_notice (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *default_text = abierto_privacy_dup_default_notice ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;
  AbiertoPreferencesWindow *preferences;
  GtkWidget *view, *save, *restore, *version_label, *error_label;
  guint version = 0;

  preferences = abierto_preferences_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (preferences));
  wait_mapped (GTK_WIDGET (preferences));

  view = child_of (preferences, ABIERTO_TYPE_PREFERENCES_WINDOW, "notice_view");
  save = child_of (preferences, ABIERTO_TYPE_PREFERENCES_WINDOW, "save_button");
  restore = child_of (preferences, ABIERTO_TYPE_PREFERENCES_WINDOW, "restore_button");
  version_label = child_of (preferences, ABIERTO_TYPE_PREFERENCES_WINDOW, "version_label");
  error_label = child_of (preferences, ABIERTO_TYPE_PREFERENCES_WINDOW, "error_label");

  /* version 1, the default text, and nothing to save yet */
  shown = text_view_text (view);
  g_assert_cmpstr (shown, ==, default_text);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (version_label)),
                                   "Version 1, saved on "));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_get_sensitive (restore));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "La Alcaldía Coyoacán es responsable de tus datos.", -1);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  iterate_pending ();

  g_assert_true (abierto_store_get_notice (fixture->store, &version, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 2);
  g_assert_cmpstr (text, ==, "La Alcaldía Coyoacán es responsable de tus datos.");
  g_clear_pointer (&text, g_free);
  text = abierto_store_dup_notice_text (fixture->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, default_text);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (version_label)),
                                   "Version 2, saved on "));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (has_label_prefix (GTK_WIDGET (preferences),
                                   "Privacy notice saved as version 2"));

  /* an empty notice is refused, in the window */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), " \n ", -1);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  iterate_pending ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (error_label)),
                                   "The notice cannot be empty"));
  g_assert_true (abierto_store_get_notice (fixture->store, &version, NULL, NULL, &error));
  g_assert_cmpuint (version, ==, 2);

  /* Restore Default Text fills it in, to save as version 3 */
  g_signal_emit_by_name (restore, "clicked");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_clear_pointer (&shown, g_free);
  shown = text_view_text (view);
  g_assert_cmpstr (shown, ==, default_text);
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  g_assert_true (abierto_store_get_notice (fixture->store, &version, NULL, NULL, &error));
  g_assert_cmpuint (version, ==, 3);

  gtk_window_destroy (GTK_WINDOW (preferences));
  iterate_pending ();
}

/* Exports a report of the window's session and gives its text, with
 * every run of white space made one space. */
static char *
export_report_text (AbiertoWindow *window,
                    const char    *dir,
                    const char    *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  AbiertoExportDialog *dialog;
  int status;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = find_toplevel (ABIERTO_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_descendant (GTK_WIDGET (dialog),
                                                              ADW_TYPE_COMBO_ROW, NULL)),
                              ABIERTO_EXPORT_REPORT);
  wait_until (has_preview, dialog, "the preview");
  g_object_ref (dialog);
  abierto_export_dialog_export_to (dialog, file);
  wait_until (export_idle, dialog, "the export");
  g_assert_null (abierto_export_dialog_get_error (dialog));
  g_object_unref (dialog);
  iterate_pending ();

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  text = g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);

  return g_steal_pointer (&text);
}

/* The smallest group shown is a preference, which exports obey. */
static void
test_preferences_threshold (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AbiertoPreferencesWindow *preferences;
  AbiertoWindow *window;
  GtkSpinButton *spin;

  g_assert_cmpint (g_settings_get_int (settings, "privacy-threshold"), ==, 5);
  window = present_session (fixture);
  before = export_report_text (window, fixture->dir, "antes.pdf");
  g_assert_nonnull (strstr (before, "fewer than 5"));
  g_assert_null (strstr (before, "fewer than 7"));

  preferences = abierto_preferences_window_new (GTK_WINDOW (window), fixture->store);
  gtk_window_present (GTK_WINDOW (preferences));
  wait_mapped (GTK_WIDGET (preferences));
  spin = GTK_SPIN_BUTTON (child_of (preferences, ABIERTO_TYPE_PREFERENCES_WINDOW,
                                    "threshold_spin"));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 5);
  /* within 2..100 */
  gtk_spin_button_set_value (spin, 1);
  g_assert_cmpint (g_settings_get_int (settings, "privacy-threshold"), ==, 2);
  gtk_spin_button_set_value (spin, 7);
  g_assert_cmpint (g_settings_get_int (settings, "privacy-threshold"), ==, 7);
  gtk_window_destroy (GTK_WINDOW (preferences));
  iterate_pending ();

  after = export_report_text (window, fixture->dir, "despues.pdf");
  g_assert_nonnull (strstr (after, "fewer than 7"));
  g_assert_null (strstr (after, "fewer than 5"));

  destroy_window (window);
}

static gboolean
opendata_idle (gpointer data)
{
  return !abierto_opendata_dialog_get_busy (data);
}

static gboolean
no_opendata_dialog (gpointer data)
{
  return find_toplevel (ABIERTO_TYPE_OPENDATA_DIALOG) == NULL;
}

/* Every file under @dir, read whole, has none of @aliases. */
static void
assert_no_alias (const char         *dir,
                 const char * const *aliases)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_no_alias (path, aliases);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      for (guint i = 0; aliases[i] != NULL; i++)
        if (contains_bytes (contents, length, aliases[i]))
          g_error ("the alias “%s” is in %s", aliases[i], path);
    }
}

/* Publish Open Data…: a Data Package in a folder, then as a zip file. */
static void
test_opendata (Fixture       *fixture,
               gconstpointer  user_data)
{
  gint64 session_id = only_session_id (fixture->store);
  g_autofree char *folder = g_build_filename (fixture->dir, "datos", NULL);
  g_autofree char *descriptor = g_build_filename (folder, "datapackage.json", NULL);
  g_autofree char *zip = g_build_filename (fixture->dir, "datos.zip", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GFile) zip_file = g_file_new_for_path (zip);
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GPtrArray) aliases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *zip_bytes = NULL;
  g_autoptr(AbiertoOpenDataDialog) dialog = NULL;
  AbiertoOpenDataOptions options;
  AbiertoWindow *window;
  JsonObject *root;
  JsonArray *licenses;
  gsize length;

  participants = abierto_store_list_participants (fixture->store, session_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(AbiertoParticipant) participant = g_list_model_get_item (participants, i);

      g_ptr_array_add (aliases, g_strdup (abierto_participant_get_alias (participant)));
    }
  g_assert_cmpuint (aliases->len, >, 0);
  g_ptr_array_add (aliases, NULL);

  window = present_session (fixture);

  /* from the session menu: this session, as a folder */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish-open-data", "s",
                                             "session"));
  dialog = g_object_ref (find_toplevel (ABIERTO_TYPE_OPENDATA_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  abierto_opendata_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.session_id, ==, session_id);
  g_assert_false (options.zip);
  g_assert_cmpuint (options.threshold, ==, 5);
  g_assert_true (has_label_prefix (GTK_WIDGET (dialog), "Licence: CC BY 4.0"));

  abierto_opendata_dialog_publish_to (dialog, folder_file);
  g_assert_true (abierto_opendata_dialog_get_busy (dialog));
  wait_until (opendata_idle, dialog, "the package");
  g_assert_null (abierto_opendata_dialog_get_error (dialog));
  wait_until (no_opendata_dialog, NULL, "the dialog to close");
  g_assert_true (has_label_prefix (GTK_WIDGET (window), "Open data published in “datos”"));
  g_clear_object (&dialog);

  json_parser_load_from_file (parser, descriptor, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_nonnull (root);
  licenses = json_object_get_array_member (root, "licenses");
  g_assert_nonnull (licenses);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (licenses, 0),
                                                  "name"), ==, "CC-BY-4.0");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "resources")),
                    >, 0);
  assert_no_alias (folder, (const char * const *) aliases->pdata);

  /* the folder is not written over: the dialog says so */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish-open-data", "s",
                                             "all"));
  dialog = g_object_ref (find_toplevel (ABIERTO_TYPE_OPENDATA_DIALOG));
  abierto_opendata_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.session_id, ==, 0);
  abierto_opendata_dialog_publish_to (dialog, folder_file);
  wait_until (opendata_idle, dialog, "the refusal");
  g_assert_nonnull (abierto_opendata_dialog_get_error (dialog));
  g_assert_true (g_str_has_prefix (abierto_opendata_dialog_get_error (dialog),
                                   "Nothing was published."));

  /* all sessions, as one zip file for a portal */
  adw_combo_row_set_selected (ADW_COMBO_ROW (child_of (dialog, ABIERTO_TYPE_OPENDATA_DIALOG,
                                                       "format_row")), 1);
  g_assert_null (abierto_opendata_dialog_get_error (dialog));
  abierto_opendata_dialog_get_options (dialog, &options);
  g_assert_true (options.zip);
  abierto_opendata_dialog_publish_to (dialog, zip_file);
  wait_until (opendata_idle, dialog, "the zip file");
  g_assert_null (abierto_opendata_dialog_get_error (dialog));
  g_file_get_contents (zip, &zip_bytes, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (zip_bytes, "PK\3\4", 4) == 0);
  g_assert_true (contains_bytes (zip_bytes, length, "datapackage.json"));
  g_clear_object (&dialog);

  destroy_window (window);
}

/* Screenshots, when ABIERTO_SCREENSHOT_DIR says where */

static cairo_surface_t *
texture_to_surface (GdkTexture *texture)
{
  cairo_surface_t *surface;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                        gdk_texture_get_height (texture));
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);

  return surface;
}

/* @dialog over the middle of @window, as a user sees them */
static void
save_screenshot_over (GtkWidget  *window,
                      GtkWidget  *dialog,
                      const char *dir,
                      const char *name)
{
  g_autoptr(GdkTexture) back = render_widget (window);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface = texture_to_surface (back);
  cairo_t *cr = cairo_create (surface);

  if (dialog != NULL)
    {
      g_autoptr(GdkTexture) front = render_widget (dialog);
      cairo_surface_t *over = texture_to_surface (front);
      double x = (gdk_texture_get_width (back) - gdk_texture_get_width (front)) / 2.0;
      double y = (gdk_texture_get_height (back) - gdk_texture_get_height (front)) / 2.0;

      /* the shadow a compositor would draw */
      cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
      cairo_rectangle (cr, x - 1, y + 1, gdk_texture_get_width (front) + 2,
                       gdk_texture_get_height (front) + 3);
      cairo_fill (cr);
      cairo_set_source_surface (cr, over, floor (x), floor (y));
      cairo_paint (cr);
      cairo_surface_destroy (over);
    }

  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("saved %s (%dx%d)", path, cairo_image_surface_get_width (surface),
                  cairo_image_surface_get_height (surface));
  cairo_surface_destroy (surface);
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const char *dir = g_getenv ("ABIERTO_SCREENSHOT_DIR");
  gint64 session_id;
  g_autoptr(AbiertoParticipant) opposed = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoPreferencesWindow *preferences;
  AbiertoOpenDataDialog *opendata;
  AbiertoWindow *window;
  AdwMessageDialog *dialog;
  GtkWidget *view;

  if (dir == NULL)
    {
      g_test_skip ("set ABIERTO_SCREENSHOT_DIR to take screenshots");
      return;
    }
  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));

  session_id = only_session_id (fixture->store);
  opposed = abierto_participant_new (session_id, "Don Beto");
  abierto_participant_set_age_band (opposed, "70-79");
  abierto_store_add_participant (fixture->store, opposed, &error);
  g_assert_no_error (error);
  abierto_store_set_participant_opposed (fixture->store, abierto_participant_get_id (opposed),
                                         TRUE, &error);
  g_assert_no_error (error);

  window = present_session (fixture);
  /* the default size counts the frame of client-side decorations: what
   * shows is 1280×800 */
  gtk_window_set_default_size (GTK_WINDOW (window),
                               2 * 1280 - gtk_widget_get_width (GTK_WIDGET (window)),
                               2 * 800 - gtk_widget_get_height (GTK_WIDGET (window)));
  while (gtk_widget_get_width (GTK_WIDGET (window)) != 1280
         || gtk_widget_get_height (GTK_WIDGET (window)) != 800)
    g_main_context_iteration (NULL, TRUE);
  view = participants_view (window);
  respond (type_alias (view, "Doña Chela"), "_Agreed");

  dialog = type_alias (view, "Lupita");
  save_screenshot_over (GTK_WIDGET (window), GTK_WIDGET (dialog), dir,
                        "privacy-consent-1280x800.png");
  respond (dialog, "_Did Not Agree");
  save_screenshot_over (GTK_WIDGET (window), NULL, dir, "privacy-participants-1280x800.png");

  preferences = abierto_preferences_window_new (GTK_WINDOW (window), fixture->store);
  gtk_window_present (GTK_WINDOW (preferences));
  wait_mapped (GTK_WIDGET (preferences));
  save_screenshot_over (GTK_WIDGET (window), GTK_WIDGET (preferences), dir,
                        "privacy-preferences-1280x800.png");
  gtk_window_destroy (GTK_WINDOW (preferences));
  iterate_pending ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish-open-data", "s",
                                             "session"));
  opendata = find_toplevel (ABIERTO_TYPE_OPENDATA_DIALOG);
  g_assert_nonnull (opendata);
  wait_mapped (GTK_WIDGET (opendata));
  save_screenshot_over (GTK_WIDGET (window), GTK_WIDGET (opendata), dir,
                        "privacy-opendata-1280x800.png");
  gtk_window_destroy (GTK_WINDOW (opendata));

  /* rectification: the edit form, gender included */
  {
    g_autoptr(GPtrArray) rows = participant_rows (view);
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *edit = NULL;

    collect_descendants (rows->pdata[0], GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_icon_name (buttons->pdata[i]), "document-edit-symbolic") == 0)
        edit = buttons->pdata[i];
    g_assert_nonnull (edit);
    g_signal_emit_by_name (edit, "clicked");
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    wait_mapped (GTK_WIDGET (dialog));
    gtk_editable_set_text (GTK_EDITABLE (child_of (view, ABIERTO_TYPE_PARTICIPANTS_VIEW,
                                                   "edit_gender_row")), "Mujer");
    save_screenshot_over (GTK_WIDGET (window), GTK_WIDGET (dialog), dir,
                          "privacy-edit-1280x800.png");
    respond (dialog, "_Cancel");
  }

  {
    g_autoptr(GPtrArray) rows = participant_rows (view);

    gtk_widget_activate_action (rows->pdata[0], "participant.erase", NULL);
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    wait_mapped (GTK_WIDGET (dialog));
    save_screenshot_over (GTK_WIDGET (window), GTK_WIDGET (dialog), dir,
                          "privacy-erase-1280x800.png");
    respond (dialog, "_Cancel");
  }

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/privacy/consent/agreed", Fixture,
              GINT_TO_POINTER (ABIERTO_GROUP_OLDER_ADULTS),
              fixture_set_up_session, test_consent_agreed, fixture_tear_down);
  g_test_add ("/privacy/consent/refused", Fixture,
              GINT_TO_POINTER (ABIERTO_GROUP_WOMEN_REENTRY),
              fixture_set_up_session, test_consent_refused, fixture_tear_down);
  g_test_add ("/privacy/consent/guardian", Fixture, GINT_TO_POINTER (ABIERTO_GROUP_CHILDREN),
              fixture_set_up_session, test_consent_guardian, fixture_tear_down);
  g_test_add ("/privacy/opposed", Fixture, GINT_TO_POINTER (ABIERTO_GROUP_MIXED),
              fixture_set_up_session, test_opposed, fixture_tear_down);
  g_test_add ("/privacy/access", Fixture, GINT_TO_POINTER (ABIERTO_GROUP_WOMEN_REENTRY),
              fixture_set_up_session, test_access, fixture_tear_down);
  g_test_add ("/privacy/erase", Fixture, GINT_TO_POINTER (ABIERTO_GROUP_OLDER_ADULTS),
              fixture_set_up_session, test_erase, fixture_tear_down);
  g_test_add ("/privacy/preferences/notice", Fixture, NULL,
              fixture_set_up, test_preferences_notice, fixture_tear_down);
  g_test_add ("/privacy/preferences/threshold", Fixture, NULL,
              fixture_set_up_demo, test_preferences_threshold, fixture_tear_down_settings);
  g_test_add ("/privacy/opendata", Fixture, NULL,
              fixture_set_up_demo, test_opendata, fixture_tear_down);
  g_test_add ("/privacy/screenshots", Fixture, GINT_TO_POINTER (ABIERTO_GROUP_OLDER_ADULTS),
              fixture_set_up_session, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
