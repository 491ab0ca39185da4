/* abierto-preferences-window.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "abierto-preferences-window.h"
#include "abierto-privacy.h"

struct _AbiertoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  AbiertoStore         *store;        /* NULL when no file is open */
  GSettings            *settings;
  char                 *saved_text;   /* the latest version, as stored */
  guint                 version;

  /* Template children, borrowed */
  GtkWidget            *notice_group;
  GtkTextView          *notice_view;
  GtkLabel             *version_label;
  GtkLabel             *error_label;
  GtkWidget            *restore_button;
  GtkWidget            *save_button;
  GtkSpinButton        *threshold_spin;
};

G_DEFINE_FINAL_TYPE (AbiertoPreferencesWindow, abierto_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static char *
dup_notice_text (AbiertoPreferencesWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notice_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
abierto_preferences_window_is_writable (AbiertoPreferencesWindow *self)
{
  return self->store != NULL && !abierto_store_is_read_only (self->store);
}

static void
abierto_preferences_window_set_error (AbiertoPreferencesWindow *self,
                                      const char               *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Saving makes sense once the text differs from the latest version. */
static void
abierto_preferences_window_update_buttons (AbiertoPreferencesWindow *self)
{
  g_autofree char *text = dup_notice_text (self);
  gboolean writable = abierto_preferences_window_is_writable (self);

  gtk_widget_set_sensitive (self->save_button,
                            writable && g_strcmp0 (text, self->saved_text) != 0);
  gtk_widget_set_sensitive (self->restore_button, writable);
}

/* “14 March 2026” from the ISO 8601 time a version was saved */
static char *
format_date (const char *iso)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int year, month, day;
  char *formatted;

  /* a time without a zone is UTC, as SQLite writes it */
  utc = g_date_time_new_from_iso8601 (iso, zone);
  if (utc != NULL)
    local = g_date_time_to_local (utc);
  else if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) == 3
           && g_date_valid_dmy (day, month, year))
    local = g_date_time_new_utc (year, month, day, 0, 0, 0);

  /* Translators: the date of a workshop session, as in “14 March 2026”.
   * See g_date_time_format(); Spanish would be “%-d de %B de %Y”. */
  if (local != NULL && (formatted = g_date_time_format (local, _("%-d %B %Y"))) != NULL)
    return formatted;

  return g_strdup (iso);
}

/* Shows the latest version of the notice of the file. */
static void
abierto_preferences_window_load_notice (AbiertoPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *created = NULL;
  g_autofree char *label = NULL;
  guint version = 0;

  abierto_preferences_window_set_error (self, NULL);

  if (self->store == NULL)
    {
      gtk_label_set_label (self->version_label,
                           _("Open a workshop file to edit its privacy notice."));
      gtk_text_view_set_editable (self->notice_view, FALSE);
      gtk_widget_set_sensitive (self->notice_group, FALSE);
      abierto_preferences_window_update_buttons (self);
      return;
    }

  if (!abierto_store_get_notice (self->store, &version, &text, &created, &error))
    {
      gtk_label_set_label (self->version_label, "");
      gtk_text_view_set_editable (self->notice_view, FALSE);
      abierto_preferences_window_set_error (self, error->message);
      abierto_preferences_window_update_buttons (self);
      return;
    }

  self->version = version;
  g_free (self->saved_text);
  self->saved_text = g_strdup (text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notice_view), text, -1);

  if (created != NULL && *created != '\0')
    {
      g_autofree char *date = format_date (created);

      /* Translators: %u is the version of the privacy notice, %s the date
       * it was saved, as in “Version 2, saved on 14 March 2026” */
      label = g_strdup_printf (_("Version %u, saved on %s"), version, date);
    }
  else
    {
      /* Translators: %u is the version of the privacy notice */
      label = g_strdup_printf (_("Version %u"), version);
    }
  if (!abierto_preferences_window_is_writable (self))
    {
      g_autofree char *read_only = g_strdup (label);

      g_free (label);
      /* Translators: %s is “Version 2, saved on 14 March 2026” */
      label = g_strdup_printf (_("%s. This file is read-only: the notice cannot be changed."),
                               read_only);
    }
  gtk_label_set_label (self->version_label, label);
  gtk_text_view_set_editable (self->notice_view, abierto_preferences_window_is_writable (self));
  abierto_preferences_window_update_buttons (self);
}

static void
notice_changed_cb (AbiertoPreferencesWindow *self)
{
  abierto_preferences_window_set_error (self, NULL);
  abierto_preferences_window_update_buttons (self);
}

static void
restore_clicked_cb (AbiertoPreferencesWindow *self)
{
  g_autofree char *text = abierto_privacy_dup_default_notice ();

  /* filled in to read over; it is saved with the other button */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notice_view), text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->notice_view));
}

static void
save_clicked_cb (AbiertoPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_notice_text (self);
  g_autofree char *title = NULL;
  guint version = 0;

  if (!abierto_preferences_window_is_writable (self))
    return;

  g_strstrip (text);
  if (*text == '\0')
    {
      abierto_preferences_window_set_error (self, _("The notice cannot be empty: people need to "
                                                   "know what they agree to. Write it, or "
                                                   "restore the default text."));
      gtk_widget_grab_focus (GTK_WIDGET (self->notice_view));
      return;
    }

  if (!abierto_store_set_notice (self->store, text, &version, &error))
    {
      abierto_preferences_window_set_error (self, error->message);
      return;
    }

  abierto_preferences_window_load_notice (self);

  /* Translators: a toast; %u is the new version of the privacy notice */
  title = g_strdup_printf (_("Privacy notice saved as version %u"), version);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static void
abierto_preferences_window_dispose (GObject *object)
{
  AbiertoPreferencesWindow *self = (AbiertoPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (abierto_preferences_window_parent_class)->dispose (object);
}

static void
abierto_preferences_window_finalize (GObject *object)
{
  AbiertoPreferencesWindow *self = (AbiertoPreferencesWindow *)object;

  g_free (self->saved_text);

  G_OBJECT_CLASS (abierto_preferences_window_parent_class)->finalize (object);
}

static void
abierto_preferences_window_class_init (AbiertoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_preferences_window_dispose;
  object_class->finalize = abierto_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gobierto/Abierto/ui/"
                                               "abierto-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoPreferencesWindow, notice_group);
  gtk_widget_class_bind_template_child (widget_class, AbiertoPreferencesWindow, notice_view);
  gtk_widget_class_bind_template_child (widget_class, AbiertoPreferencesWindow, version_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoPreferencesWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoPreferencesWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoPreferencesWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
abierto_preferences_window_init (AbiertoPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_spin_button_set_range (self->threshold_spin,
                             ABIERTO_PRIVACY_MIN_THRESHOLD, ABIERTO_PRIVACY_MAX_THRESHOLD);
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "privacy-threshold", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (gtk_text_view_get_buffer (self->notice_view), "changed",
                           G_CALLBACK (notice_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * abierto_preferences_window_new:
 * @parent: (nullable): the window it is for
 * @store: (nullable): the workshop file on show in @parent
 *
 * Returns: (transfer none): a new window, owned by GTK like every
 *   toplevel; present it
 */
AbiertoPreferencesWindow *
abierto_preferences_window_new (GtkWindow    *parent,
                                AbiertoStore *store)
{
  AbiertoPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store == NULL || ABIERTO_IS_STORE (store), NULL);

  self = g_object_new (ABIERTO_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  g_set_object (&self->store, store);
  abierto_preferences_window_load_notice (self);

  return self;
}

AbiertoStore *
abierto_preferences_window_get_store (AbiertoPreferencesWindow *self)
{
  g_return_val_if_fail (ABIERTO_IS_PREFERENCES_WINDOW (self), NULL);

  return self->store;
}
