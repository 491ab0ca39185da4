/* abierto-window.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "abierto-window.h"

struct _AbiertoWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  AbiertoStore         *store;     /* NULL when no file is open */
  GListStore           *sessions;  /* of AbiertoSession: the rows on show */
  GSettings            *settings;

  /* Template children, borrowed */
  AdwWindowTitle       *window_title;
  GtkMenuButton        *primary_menu_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *no_file_page;
  AdwStatusPage        *empty_page;
  GtkLabel             *sessions_count;
  GtkListBox           *sessions_list;
};

G_DEFINE_FINAL_TYPE (AbiertoWindow, abierto_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A session's date for people, e.g. “14 March 2026”; the stored ISO date
 * when it is not one. */
static char *
format_date (const char *iso_date)
{
  g_autoptr(GDateTime) date_time = NULL;
  char *formatted;
  int year, month, day;

  if (sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) == 3
      && g_date_valid_dmy (day, month, year))
    date_time = g_date_time_new_utc (year, month, day, 0, 0, 0);

  /* Translators: the date of a workshop session, as in “14 March 2026”.
   * See g_date_time_format(); Spanish would be “%-d de %B de %Y”. */
  if (date_time != NULL && (formatted = g_date_time_format (date_time, _("%-d %B %Y"))) != NULL)
    return formatted;

  return g_strdup (iso_date);
}

/* “14 March 2026 · Older adults · Alcaldía Coyoacán”, leaving out what
 * was not recorded. */
static char *
format_session_subtitle (AbiertoSession *session)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *date = abierto_session_get_date (session);
  const char *place = abierto_session_get_place (session);

  if (date != NULL && *date != '\0')
    g_ptr_array_add (parts, format_date (date));
  g_ptr_array_add (parts, g_strdup (abierto_group_get_label (abierto_session_get_group (session))));
  if (place != NULL && *place != '\0')
    g_ptr_array_add (parts, g_strdup (place));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
create_session_row (gpointer item,
                    gpointer user_data)
{
  AbiertoSession *session = ABIERTO_SESSION (item);
  g_autofree char *subtitle = format_session_subtitle (session);
  GtkWidget *row;

  /* Titles and places are typed by people: never parse them as markup.
   * Not with g_object_new(): the row passes use-markup on to its labels
   * by bindings, which wait until construction is over. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), abierto_session_get_title (session));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  return row;
}

static void
abierto_window_update_page (AbiertoWindow *self)
{
  guint n_sessions = g_list_model_get_n_items (G_LIST_MODEL (self->sessions));
  g_autofree char *count = NULL;

  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "no-file");
      return;
    }

  if (n_sessions == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  count = g_strdup_printf (ngettext ("%u session", "%u sessions", n_sessions),
                           n_sessions);
  gtk_label_set_label (self->sessions_count, count);
  gtk_stack_set_visible_child_name (self->stack, "sessions");
}

static void
abierto_window_show_toast (AbiertoWindow *self,
                           const char    *message)
{
  /* A toast's title is markup, and messages may quote what people typed. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Replaces the rows on show with the sessions in the file. The list box
 * stays bound to self->sessions, so views built on it keep working. */
static void
abierto_window_reload (AbiertoWindow *self)
{
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->sessions);
      return;
    }

  sessions = abierto_store_list_sessions (self->store, &error);
  if (sessions == NULL)
    {
      /* Keep what is on show, which was read from the file, and say why
       * it may be out of date. */
      abierto_window_show_toast (self, error->message);
      return;
    }

  n_items = g_list_model_get_n_items (sessions);
  items = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (items, g_list_model_get_item (sessions, i));

  g_list_store_splice (self->sessions, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->sessions)),
                       items->pdata, items->len);
}

static void
store_changed_cb (AbiertoWindow *self,
                  const char    *table,
                  gint64         session_id,
                  AbiertoStore  *store)
{
  g_assert (ABIERTO_IS_WINDOW (self));
  g_assert (store == self->store);

  abierto_window_reload (self);
}

static void
sessions_changed_cb (AbiertoWindow *self,
                     guint          position,
                     guint          removed,
                     guint          added,
                     GListModel    *model)
{
  abierto_window_update_page (self);
}

static void
abierto_window_update_title (AbiertoWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;

  if (self->store != NULL)
    {
      name = g_filename_display_basename (abierto_store_get_path (self->store));
      if (abierto_store_is_read_only (self->store))
        /* Translators: the subtitle of the window, for a file that cannot be changed */
        subtitle = g_strdup_printf (_("%s (read only)"), name);
      else
        subtitle = g_steal_pointer (&name);
    }

  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/**
 * abierto_window_set_store:
 * @self: a window
 * @store: (nullable): the workshop file to show, or %NULL for none
 *
 * Shows the sessions of @store. The window keeps a reference to it.
 */
void
abierto_window_set_store (AbiertoWindow *self,
                          AbiertoStore  *store)
{
  g_return_if_fail (ABIERTO_IS_WINDOW (self));
  g_return_if_fail (store == NULL || ABIERTO_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);

  g_set_object (&self->store, store);

  /* Only sessions are listed for now; the detail keeps votes, which come
   * in fast during a workshop, from reloading the list. */
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed::session",
                             G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  /* Rows of the previous file must not stay if this one cannot be read. */
  g_list_store_remove_all (self->sessions);
  abierto_window_update_title (self);
  abierto_window_reload (self);
  abierto_window_update_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * abierto_window_get_store:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the workshop file on show
 */
AbiertoStore *
abierto_window_get_store (AbiertoWindow *self)
{
  g_return_val_if_fail (ABIERTO_IS_WINDOW (self), NULL);

  return self->store;
}

static void
error_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/**
 * abierto_window_show_error:
 * @self: a window
 * @heading: what failed, in a few words
 * @error: why, in a message for people
 *
 * Tells the facilitator in a dialog over @self that something failed.
 */
void
abierto_window_show_error (AbiertoWindow *self,
                           const char    *heading,
                           const GError  *error)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (ABIERTO_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  adw_message_dialog_set_body (dialog, error->message);
  adw_message_dialog_add_response (dialog, "ok", _("_OK"));
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "ok");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (error_dialog_response_cb), NULL);

  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * abierto_window_open_file:
 * @self: a window
 * @file: a workshop file, created when it does not exist
 *
 * Opens @file and shows its sessions. When it cannot be opened, a dialog
 * says why and the window keeps showing what it showed before; core leaves
 * such a file untouched.
 *
 * Returns: %TRUE if @file is now on show
 */
gboolean
abierto_window_open_file (AbiertoWindow *self,
                          GFile         *file)
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (ABIERTO_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Only workshop files on this computer can be opened. "
                           "Copy the file to this computer first."));
  else
    store = abierto_store_open (path, &error);

  if (store == NULL)
    {
      abierto_window_show_error (self, _("Could not open the workshop file"), error);
      return FALSE;
    }

  abierto_window_set_store (self, store);

  return TRUE;
}

static void
abierto_window_restore_state (AbiertoWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
abierto_window_save_state (AbiertoWindow *self)
{
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  /* Write the three keys at once. A maximized window keeps the size it
   * had before, to return to when unmaximized. */
  g_settings_delay (self->settings);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
abierto_window_close_request (GtkWindow *window)
{
  abierto_window_save_state (ABIERTO_WINDOW (window));

  return GTK_WINDOW_CLASS (abierto_window_parent_class)->close_request (window);
}

static void
abierto_window_dispose (GObject *object)
{
  AbiertoWindow *self = (AbiertoWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_WINDOW);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_changed_cb, self);
  g_clear_object (&self->store);
  g_clear_object (&self->sessions);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (abierto_window_parent_class)->dispose (object);
}

static void
abierto_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AbiertoWindow *self = ABIERTO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AbiertoWindow *self = ABIERTO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      abierto_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_window_class_init (AbiertoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = abierto_window_dispose;
  object_class->get_property = abierto_window_get_property;
  object_class->set_property = abierto_window_set_property;

  window_class->close_request = abierto_window_close_request;

  /**
   * AbiertoWindow:store: (nullable)
   *
   * The workshop file on show, or %NULL when none is open.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ABIERTO_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gobierto/Abierto/ui/abierto-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, no_file_page);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, sessions_count);
  gtk_widget_class_bind_template_child (widget_class, AbiertoWindow, sessions_list);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
abierto_window_init (AbiertoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  abierto_window_restore_state (self);

  self->sessions = g_list_store_new (ABIERTO_TYPE_SESSION);
  g_signal_connect_object (self->sessions, "items-changed",
                           G_CALLBACK (sessions_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->sessions_list, G_LIST_MODEL (self->sessions),
                           create_session_row, NULL, NULL);

  abierto_window_update_page (self);
}

/**
 * abierto_window_new:
 * @application: (nullable): the application
 * @store: (nullable): the workshop file to show
 *
 * Returns: (transfer none): a new window, owned by GTK like every toplevel
 */
AbiertoWindow *
abierto_window_new (GtkApplication *application,
                    AbiertoStore   *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || ABIERTO_IS_STORE (store), NULL);

  return g_object_new (ABIERTO_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}
