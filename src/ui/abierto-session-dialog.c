/* abierto-session-dialog.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "abierto-session-dialog.h"

struct _AbiertoSessionDialog
{
  AdwWindow        parent_instance;

  /* Owned */
  AbiertoStore    *store;
  AbiertoSession  *session;   /* the one edited; NULL for a new session */

  /* Template children, borrowed */
  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkWidget       *error_box;
  GtkLabel        *error_label;
  AdwEntryRow     *title_row;
  AdwEntryRow     *question_row;
  AdwComboRow     *group_row;
  AdwEntryRow     *date_row;
  GtkMenuButton   *date_button;
  GtkPopover      *date_popover;
  GtkCalendar     *calendar;
  AdwEntryRow     *place_row;
  AdwEntryRow     *facilitators_row;
  AdwEntryRow     *publication_row;

  guint            syncing_calendar : 1;
};

G_DEFINE_FINAL_TYPE (AbiertoSessionDialog, abierto_session_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static void
abierto_session_dialog_update_save (AbiertoSessionDialog *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session-dialog.save", !is_blank (title));
}

static void
abierto_session_dialog_set_error (AbiertoSessionDialog *self,
                                  const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

/* The date typed, if it is one. */
static GDateTime *
parse_date (const char *text)
{
  int year, month, day;
  char extra;

  if (text == NULL
      || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3
      || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

static void
date_popover_show_cb (AbiertoSessionDialog *self)
{
  g_autoptr(GDateTime) date = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)));

  if (date == NULL)
    date = g_date_time_new_now_local ();

  /* Selecting a day from here is not a choice of the user's. */
  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->syncing_calendar = FALSE;
}

static void
calendar_day_selected_cb (AbiertoSessionDialog *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;

  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_popover_popdown (self->date_popover);
}

static void
title_changed_cb (AbiertoSessionDialog *self)
{
  abierto_session_dialog_update_save (self);
}

/* The session as typed; fields the dialog does not show are kept. */
static AbiertoSession *
abierto_session_dialog_build_session (AbiertoSessionDialog *self)
{
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  guint group = adw_combo_row_get_selected (self->group_row);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->publication_row));
  g_autofree char *trimmed_date = g_strstrip (g_strdup (date));
  g_autofree char *trimmed_url = g_strstrip (g_strdup (url));
  AbiertoSession *session;

  if (group >= ABIERTO_N_GROUPS)
    group = ABIERTO_GROUP_MIXED;

  session = abierto_session_new (gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                 (AbiertoGroup) group);
  if (self->session != NULL)
    {
      abierto_session_set_id (session, abierto_session_get_id (self->session));
      abierto_session_set_uuid (session, abierto_session_get_uuid (self->session));
      abierto_session_set_language (session, abierto_session_get_language (self->session));
      abierto_session_set_license (session, abierto_session_get_license (self->session));
    }
  abierto_session_set_question (session, gtk_editable_get_text (GTK_EDITABLE (self->question_row)));
  abierto_session_set_date (session, *trimmed_date != '\0' ? trimmed_date : NULL);
  abierto_session_set_place (session, gtk_editable_get_text (GTK_EDITABLE (self->place_row)));
  abierto_session_set_facilitators (session,
                                    gtk_editable_get_text (GTK_EDITABLE (self->facilitators_row)));
  /* core checks it is a web address, and says why when it is not */
  abierto_session_set_publication_url (session, trimmed_url);

  return session;
}

/**
 * abierto_session_dialog_save:
 * @self: a session dialog
 *
 * Adds the session to the store, or saves the changes to the one edited,
 * and closes the dialog. When the store refuses, the dialog stays open
 * with what was typed and says why.
 *
 * Returns: %TRUE if the session was saved
 */
gboolean
abierto_session_dialog_save (AbiertoSessionDialog *self)
{
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (ABIERTO_IS_SESSION_DIALOG (self), FALSE);

  if (is_blank (gtk_editable_get_text (GTK_EDITABLE (self->title_row))))
    return FALSE;

  session = abierto_session_dialog_build_session (self);
  if (self->session != NULL)
    ok = abierto_store_update_session (self->store, session, &error);
  else
    ok = abierto_store_add_session (self->store, session, &error);

  if (!ok)
    {
      abierto_session_dialog_set_error (self, error->message);
      return FALSE;
    }

  abierto_session_dialog_set_error (self, NULL);

  /* Keep the dialog alive until the signal has run. */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, session);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  abierto_session_dialog_save (ABIERTO_SESSION_DIALOG (widget));
}

/**
 * abierto_session_dialog_get_error:
 * @self: a session dialog
 *
 * Returns: (nullable): the reason the last save failed, while it is shown
 */
const char *
abierto_session_dialog_get_error (AbiertoSessionDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (self->error_box))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

/**
 * abierto_session_dialog_get_session:
 * @self: a session dialog
 *
 * Returns: (transfer none) (nullable): the session edited, or %NULL for a
 *   new one
 */
AbiertoSession *
abierto_session_dialog_get_session (AbiertoSessionDialog *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION_DIALOG (self), NULL);

  return self->session;
}

static void
abierto_session_dialog_fill (AbiertoSessionDialog *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  AbiertoSession *session = self->session;

  if (session == NULL)
    {
      now = g_date_time_new_now_local ();
      today = g_date_time_format (now, "%Y-%m-%d");
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
      adw_combo_row_set_selected (self->group_row, ABIERTO_GROUP_OLDER_ADULTS);
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Session"));
  adw_window_title_set_title (self->window_title, _("Edit Session"));
  gtk_button_set_label (self->save_button, _("_Save"));

#define SET_TEXT(row, text) gtk_editable_set_text (GTK_EDITABLE (row), (text) != NULL ? (text) : "")
  SET_TEXT (self->title_row, abierto_session_get_title (session));
  SET_TEXT (self->question_row, abierto_session_get_question (session));
  SET_TEXT (self->date_row, abierto_session_get_date (session));
  SET_TEXT (self->place_row, abierto_session_get_place (session));
  SET_TEXT (self->facilitators_row, abierto_session_get_facilitators (session));
  SET_TEXT (self->publication_row, abierto_session_get_publication_url (session));
#undef SET_TEXT
  adw_combo_row_set_selected (self->group_row, abierto_session_get_group (session));
}

static void
abierto_session_dialog_dispose (GObject *object)
{
  AbiertoSessionDialog *self = (AbiertoSessionDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_SESSION_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (abierto_session_dialog_parent_class)->dispose (object);
}

static void
abierto_session_dialog_class_init (AbiertoSessionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_session_dialog_dispose;

  /**
   * AbiertoSessionDialog::saved:
   * @self: the dialog
   * @session: the session as it now is in the store
   *
   * Emitted after the store has committed the session, just before the
   * dialog closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ABIERTO_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/gobierto/Abierto/ui/abierto-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, question_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, date_popover);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, facilitators_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionDialog, publication_row);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "session-dialog.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
abierto_session_dialog_init (AbiertoSessionDialog *self)
{
  g_autoptr(GtkStringList) groups = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < ABIERTO_N_GROUPS; i++)
    gtk_string_list_append (groups, abierto_group_get_label ((AbiertoGroup) i));
  adw_combo_row_set_model (self->group_row, G_LIST_MODEL (groups));

  g_signal_connect_object (self->title_row, "changed",
                           G_CALLBACK (title_changed_cb), self, G_CONNECT_SWAPPED);
  abierto_session_dialog_update_save (self);
}

/**
 * abierto_session_dialog_new:
 * @parent: (nullable): the window it is for
 * @store: the workshop file
 * @session: (nullable): the session to edit, or %NULL to create one
 *
 * Returns: (transfer none): a new modal dialog, owned by GTK like every
 *   toplevel; present it
 */
AbiertoSessionDialog *
abierto_session_dialog_new (GtkWindow      *parent,
                            AbiertoStore   *store,
                            AbiertoSession *session)
{
  AbiertoSessionDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);
  g_return_val_if_fail (session == NULL || ABIERTO_IS_SESSION (session), NULL);

  self = g_object_new (ABIERTO_TYPE_SESSION_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->session = session != NULL ? g_object_ref (session) : NULL;
  abierto_session_dialog_fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));

  return self;
}
