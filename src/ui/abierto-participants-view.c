/* abierto-participants-view.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "abierto-participant-sheet.h"
#include "abierto-participants-view.h"
#include "abierto-store-undo.h"
#include "abierto-view-util.h"

/* Age bands offered per group; position 0 of the combo is “Not recorded”. */
static const char * const age_bands[ABIERTO_N_GROUPS][4] = {
  [ABIERTO_GROUP_OLDER_ADULTS] = { "60-69", "70-79", "80+", NULL },
  [ABIERTO_GROUP_WOMEN_REENTRY] = { "18-29", "30-44", "45-59", "60+" },
  [ABIERTO_GROUP_CHILDREN] = { "6-8", "9-10", "11-12", NULL },
  [ABIERTO_GROUP_MIXED] = { "6-12", "13-17", "18-29", "30-59" },
};

struct _AbiertoParticipantsView
{
  AdwBin              parent_instance;

  /* Owned */
  AbiertoStore       *store;
  AbiertoUndoStack   *undo;
  GListStore         *participants;  /* of AbiertoParticipant, on show */
  AbiertoParticipant *editing;       /* the one the edit dialog is for */
  AbiertoParticipant *pending;       /* the one the consent dialog asks about */
  gint64              session_id;
  AbiertoGroup        group;
  guint               pending_notice; /* the notice version shown for @pending */

  /* Weak: a toplevel, owned by GTK */
  GtkWindow          *consent_dialog;

  /* Template children, borrowed */
  AdwEntryRow        *alias_row;
  AdwComboRow        *age_row;
  GtkStringList      *age_bands;
  AdwComboRow        *consent_row;
  AdwPreferencesGroup *list_group;
  GtkListBox         *list;
  GtkWidget          *edit_form;
  AdwEntryRow        *edit_alias_row;
  AdwEntryRow        *edit_age_row;
  AdwEntryRow        *edit_gender_row;
  AdwComboRow        *edit_consent_row;
  GtkWidget          *consent_form;
  AdwComboRow        *consent_who_row;
  GtkLabel           *notice_label;
  GtkTextView        *notice_view;
  GMenuModel         *row_menu;
};

G_DEFINE_FINAL_TYPE (AbiertoParticipantsView, abierto_participants_view, ADW_TYPE_BIN)

static gboolean
participant_equal (gconstpointer a,
                   gconstpointer b)
{
  AbiertoParticipant *pa = (AbiertoParticipant *) a;
  AbiertoParticipant *pb = (AbiertoParticipant *) b;

  return abierto_participant_get_id (pa) == abierto_participant_get_id (pb)
         && g_strcmp0 (abierto_participant_get_alias (pa), abierto_participant_get_alias (pb)) == 0
         && g_strcmp0 (abierto_participant_get_age_band (pa),
                       abierto_participant_get_age_band (pb)) == 0
         && abierto_participant_get_consent (pa) == abierto_participant_get_consent (pb)
         && abierto_participant_get_notice_version (pa)
            == abierto_participant_get_notice_version (pb)
         && abierto_participant_get_opposed (pa) == abierto_participant_get_opposed (pb);
}

static const char *
consent_label (AbiertoConsent consent)
{
  return consent == ABIERTO_CONSENT_GUARDIAN ? _("Consent by parent or guardian")
                                             : _("Consent by self");
}

static void
delete_clicked_cb (GtkButton               *button,
                   AbiertoParticipantsView *self)
{
  AbiertoParticipant *participant = g_object_get_data (G_OBJECT (button), "participant");
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 id = abierto_participant_get_id (participant);

  if (!abierto_store_delete_participant (self->store, id, &error))
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_restore (undo, ABIERTO_UNDO_TARGET_PARTICIPANT, id);
  /* Translators: a toast; %s is a participant's alias */
  title = g_strdup_printf (_("“%s” deleted"), abierto_participant_get_alias (participant));
  abierto_store_undo_push (g_steal_pointer (&undo), self->undo, _("Participant restored"),
                           GTK_WIDGET (self), title);
}

static void
edit_response_cb (AdwMessageDialog        *dialog,
                  const char              *response,
                  AbiertoParticipantsView *self)
{
  g_autoptr(AbiertoParticipant) edited = NULL;
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoParticipant *old = self->editing;

  /* The form belongs to the view and is used again next time. */
  adw_message_dialog_set_extra_child (dialog, NULL);

  if (g_strcmp0 (response, "save") == 0 && old != NULL)
    {
      const char *alias = gtk_editable_get_text (GTK_EDITABLE (self->edit_alias_row));

      edited = abierto_participant_new (self->session_id, alias);
      abierto_participant_set_id (edited, abierto_participant_get_id (old));
      abierto_participant_set_uuid (edited, abierto_participant_get_uuid (old));
      abierto_participant_set_age_band (edited,
                                        gtk_editable_get_text (GTK_EDITABLE (self->edit_age_row)));
      abierto_participant_set_gender (edited,
                                      gtk_editable_get_text (GTK_EDITABLE (self->edit_gender_row)));
      abierto_participant_set_consent (edited,
                                       adw_combo_row_get_selected (self->edit_consent_row) == 1
                                       ? ABIERTO_CONSENT_GUARDIAN : ABIERTO_CONSENT_SELF);
      abierto_participant_set_consent_date (edited, abierto_participant_get_consent_date (old));

      if (abierto_store_update_participant (self->store, edited, &error))
        {
          undo = abierto_store_undo_new (self->store);
          abierto_store_undo_update_participant (undo, old);
          abierto_store_undo_push (g_steal_pointer (&undo), self->undo,
                                   _("Participant changes undone"), NULL, NULL);
        }
      else
        {
          abierto_show_toast (GTK_WIDGET (self), error->message);
        }
    }

  g_clear_object (&self->editing);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
edit_clicked_cb (GtkButton               *button,
                 AbiertoParticipantsView *self)
{
  AbiertoParticipant *participant = g_object_get_data (G_OBJECT (button), "participant");
  const char *age_band = abierto_participant_get_age_band (participant);
  const char *gender = abierto_participant_get_gender (participant);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  g_set_object (&self->editing, participant);
  gtk_editable_set_text (GTK_EDITABLE (self->edit_alias_row),
                         abierto_participant_get_alias (participant));
  gtk_editable_set_text (GTK_EDITABLE (self->edit_age_row), age_band != NULL ? age_band : "");
  gtk_editable_set_text (GTK_EDITABLE (self->edit_gender_row), gender != NULL ? gender : "");
  adw_combo_row_set_selected (self->edit_consent_row,
                              abierto_participant_get_consent (participant)
                              == ABIERTO_CONSENT_GUARDIAN ? 1 : 0);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Edit Participant"), NULL));
  adw_message_dialog_set_body (dialog, _("An alias is a nickname, never a full name."));
  adw_message_dialog_set_extra_child (dialog, self->edit_form);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_alias_row));
}

/* ARCO rights, per participant: access (their data, to hand over),
 * opposition (left out of exports) and cancellation (erasure). */

static AbiertoParticipant *
action_participant (GSimpleAction *action)
{
  return g_object_get_data (G_OBJECT (action), "participant");
}

static GtkWindow *
parent_window (AbiertoParticipantsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
launch_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    abierto_show_toast (widget, error->message);
}

static void
open_saved_cb (AdwToast                *toast,
               AbiertoParticipantsView *self)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "abierto-uri");
  g_autoptr(GdkAppLaunchContext) context = NULL;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launch_done_cb, g_object_ref (self));
}

/* “Saved “Ana - personal data.pdf””, with a button to open it */
static void
announce_saved (AbiertoParticipantsView *self,
                GFile                   *file)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    return;

  /* Translators: a toast; %s is the name of the file saved */
  title = g_strdup_printf (_("Saved “%s”"), display);
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "abierto-uri", g_file_get_uri (file), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_saved_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Their record as JSON, readable by people too; written whole or not at
 * all, and private to the user, as the workshop file is. */
static gboolean
write_record_json (AbiertoStore  *store,
                   gint64         participant_id,
                   const char    *path,
                   GError       **error)
{
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *data = NULL;
  gsize length;

  record = abierto_store_dup_participant_record (store, participant_id, error);
  if (record == NULL)
    return FALSE;

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, record);
  data = json_generator_to_data (generator, &length);

  return g_file_set_contents_full (path, data, (gssize) length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static GtkFileFilter *
new_filter (const char *name,
            const char *mime_type,
            const char *suffix)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);

  return filter;
}

static void
save_data_response_cb (GtkNativeDialog         *chooser,
                       int                      response,
                       AbiertoParticipantsView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (chooser), "participant-id");
  GtkFileFilter *json_filter = g_object_get_data (G_OBJECT (chooser), "json-filter");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *path = NULL;
  gboolean json;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL || self->store == NULL)
    goto out;

  /* The name chooses the format; without an extension, the filter does. */
  name = g_file_get_basename (file);
  folded = g_utf8_strdown (name, -1);
  if (g_str_has_suffix (folded, ".json"))
    json = TRUE;
  else if (g_str_has_suffix (folded, ".pdf"))
    json = FALSE;
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *with_ext = NULL;

      json = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)) == json_filter;
      with_ext = g_strconcat (name, json ? ".json" : ".pdf", NULL);
      if (parent != NULL)
        g_set_object (&file, g_file_get_child (parent, with_ext));
    }

  path = g_file_get_path (file);
  if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Their data can only be saved in a local folder."));
  else if (json)
    write_record_json (self->store, id, path, &error);
  else
    abierto_participant_sheet_write_pdf (self->store, id, path, &error);

  if (error != NULL)
    abierto_show_toast (GTK_WIDGET (self), error->message);
  else
    announce_saved (self, file);

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/* Access: everything the file holds about them, as a plain-language PDF
 * to hand over, or as JSON. */
static void
save_data_activate_cb (GSimpleAction           *action,
                       GVariant                *parameter,
                       AbiertoParticipantsView *self)
{
  AbiertoParticipant *participant = action_participant (action);
  g_autoptr(GtkFileFilter) pdf_filter = NULL;
  g_autoptr(GtkFileFilter) json_filter = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  const char *documents;
  gint64 *id;

  pdf_filter = new_filter (_("PDF documents"), "application/pdf", "pdf");
  json_filter = new_filter (_("JSON files"), "application/json", "json");

  chooser = gtk_file_chooser_native_new (_("Save Their Data"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), pdf_filter);

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents == NULL || !g_file_test (documents, G_FILE_TEST_IS_DIR))
    documents = g_get_home_dir ();
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  /* Translators: the name of the file with a participant's data; %s is
   * their alias. Keep the .pdf */
  name = g_strdup_printf (C_("file name", "%s - personal data.pdf"),
                          abierto_participant_get_alias (participant));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  id = g_new (gint64, 1);
  *id = abierto_participant_get_id (participant);
  g_object_set_data_full (G_OBJECT (chooser), "participant-id", id, g_free);
  g_object_set_data_full (G_OBJECT (chooser), "json-filter", g_object_ref (json_filter),
                          g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (save_data_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Opposition: their data stays in the file, but no export counts them. */
static void
exclude_change_state_cb (GSimpleAction           *action,
                         GVariant                *state,
                         AbiertoParticipantsView *self)
{
  /* The change rebuilds the row, and with it this action: hold on. */
  g_autoptr(GSimpleAction) held = g_object_ref (action);
  g_autoptr(AbiertoParticipant) participant = g_object_ref (action_participant (action));
  gint64 id = abierto_participant_get_id (participant);
  gboolean opposed = g_variant_get_boolean (state);
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!abierto_store_set_participant_opposed (self->store, id, opposed, &error))
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_simple_action_set_state (held, state);

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_set_opposed (undo, id, !opposed);
  if (opposed)
    /* Translators: a toast; %s is a participant's alias */
    title = g_strdup_printf (_("“%s” will be left out of exports"),
                             abierto_participant_get_alias (participant));
  else
    /* Translators: a toast; %s is a participant's alias */
    title = g_strdup_printf (_("“%s” will be counted in exports again"),
                             abierto_participant_get_alias (participant));
  abierto_store_undo_push (g_steal_pointer (&undo), self->undo,
                           opposed ? _("Counted in exports again")
                                   : _("Left out of exports again"),
                           GTK_WIDGET (self), title);
}

static void
erase_response_cb (AdwMessageDialog        *dialog,
                   const char              *response,
                   AbiertoParticipantsView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "participant-id");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "erase") != 0 || self->store == NULL)
    return;

  /* Busy: erased, but a copy stays beside the file until it is closed,
   * which core's message says. */
  if (!abierto_store_erase_participant (self->store, id, &error)
      && !g_error_matches (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_BUSY))
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  /* No undo, and nothing left behind that could bring them back. */
  abierto_store_undo_forget_participant (self->undo, id);
  abierto_show_toast (GTK_WIDGET (self),
                      error != NULL ? error->message
                                    : _("Their data was erased. Their votes stay as anonymous "
                                        "votes."));
  gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
}

/* Cancellation: asked once, in plain words, since it cannot be undone. */
static void
erase_activate_cb (GSimpleAction           *action,
                   GVariant                *parameter,
                   AbiertoParticipantsView *self)
{
  AbiertoParticipant *participant = action_participant (action);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  gint64 *id;

  /* Translators: the heading of a dialog; %s is a participant's alias */
  heading = g_strdup_printf (_("Erase “%s”?"), abierto_participant_get_alias (participant));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, NULL));
  gtk_window_set_title (GTK_WINDOW (dialog), heading);
  adw_message_dialog_set_body (dialog,
                               _("Their alias, age band, gender and consent record are removed "
                                 "from this file for good. The proposals they made stay, "
                                 "without an author, and their votes stay as anonymous votes.\n\n"
                                 "This cannot be undone."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  id = g_new (gint64, 1);
  *id = abierto_participant_get_id (participant);
  g_object_set_data_full (G_OBJECT (dialog), "participant-id", id, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (erase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The actions of one row's menu, for @participant. */
static GSimpleActionGroup *
create_row_actions (AbiertoParticipantsView *self,
                    AbiertoParticipant      *participant)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  gboolean writable = !abierto_store_is_read_only (self->store);
  g_autoptr(GSimpleAction) save = NULL;
  g_autoptr(GSimpleAction) exclude = NULL;
  g_autoptr(GSimpleAction) erase = NULL;

  save = g_simple_action_new ("save-data", NULL);
  exclude = g_simple_action_new_stateful ("exclude", NULL,
                                          g_variant_new_boolean (
                                            abierto_participant_get_opposed (participant)));
  erase = g_simple_action_new ("erase", NULL);
  g_simple_action_set_enabled (exclude, writable);
  g_simple_action_set_enabled (erase, writable);

  g_object_set_data_full (G_OBJECT (save), "participant", g_object_ref (participant),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (exclude), "participant", g_object_ref (participant),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (erase), "participant", g_object_ref (participant),
                          g_object_unref);
  g_signal_connect_object (save, "activate", G_CALLBACK (save_data_activate_cb), self, 0);
  g_signal_connect_object (exclude, "change-state", G_CALLBACK (exclude_change_state_cb), self, 0);
  g_signal_connect_object (erase, "activate", G_CALLBACK (erase_activate_cb), self, 0);

  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (save));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (exclude));
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (erase));

  return group;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AbiertoParticipantsView *self = user_data;
  AbiertoParticipant *participant = ABIERTO_PARTICIPANT (item);
  const char *alias = abierto_participant_get_alias (participant);
  const char *age_band = abierto_participant_get_age_band (participant);
  guint notice = abierto_participant_get_notice_version (participant);
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *delete_label = NULL;
  g_autofree char *more_label = NULL;
  g_autoptr(GSimpleActionGroup) actions = NULL;
  GtkWidget *row, *edit, *delete, *more;

  /* In words, one after the other: “Age 60-69 · Consent by self ·
   * Notice v2 · Excluded from exports”. Not the gender: a screen at a
   * workshop table is seen by others, and the edit form shows it. */
  if (age_band != NULL && *age_band != '\0')
    /* Translators: a participant's age band, as in “Age 60-69” */
    g_ptr_array_add (details, g_strdup_printf (_("Age %s"), age_band));
  g_ptr_array_add (details, g_strdup (consent_label (abierto_participant_get_consent (participant))));
  if (notice > 0)
    /* Translators: the version of the privacy notice a participant agreed
     * to, as in “Notice v2” */
    g_ptr_array_add (details, g_strdup_printf (_("Notice v%u"), notice));
  if (abierto_participant_get_opposed (participant))
    g_ptr_array_add (details, g_strdup (_("Excluded from exports")));
  g_ptr_array_add (details, NULL);
  subtitle = g_strjoinv (" · ", (char **) details->pdata);

  /* Aliases are typed by people: never markup. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alias);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: the accessible label of a button; %s is an alias */
  edit_label = g_strdup_printf (_("Edit “%s”"), alias);
  edit = g_object_new (GTK_TYPE_BUTTON,
                       "icon-name", "document-edit-symbolic",
                       "valign", GTK_ALIGN_CENTER,
                       "tooltip-text", _("Edit Participant"),
                       NULL);
  gtk_widget_add_css_class (edit, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (edit), "participant", g_object_ref (participant),
                          g_object_unref);
  g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  /* Translators: the accessible label of a button; %s is an alias */
  delete_label = g_strdup_printf (_("Delete “%s”"), alias);
  delete = g_object_new (GTK_TYPE_BUTTON,
                         "icon-name", "user-trash-symbolic",
                         "valign", GTK_ALIGN_CENTER,
                         "tooltip-text", _("Delete Participant"),
                         NULL);
  gtk_widget_add_css_class (delete, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (delete), "participant", g_object_ref (participant),
                          g_object_unref);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  /* Translators: the accessible label of a menu button; %s is an alias */
  more_label = g_strdup_printf (_("More for “%s”"), alias);
  more = g_object_new (GTK_TYPE_MENU_BUTTON,
                       "icon-name", "view-more-symbolic",
                       "menu-model", self->row_menu,
                       "valign", GTK_ALIGN_CENTER,
                       "tooltip-text", _("More"),
                       NULL);
  gtk_widget_add_css_class (more, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (more),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, more_label,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);

  actions = create_row_actions (self, participant);
  gtk_widget_insert_action_group (row, "participant", G_ACTION_GROUP (actions));

  return row;
}

static void
abierto_participants_view_reload (AbiertoParticipantsView *self)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  guint n;

  fresh = abierto_store_list_participants (self->store, self->session_id, &error);
  if (fresh == NULL)
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  abierto_list_store_sync (self->participants, fresh, participant_equal);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  count = g_strdup_printf (ngettext ("%u person", "%u people", n), n);
  adw_preferences_group_set_description (self->list_group, n > 0 ? count : NULL);
}

static void
store_changed_cb (AbiertoParticipantsView *self,
                  const char              *table,
                  gint64                   session_id,
                  AbiertoStore            *store)
{
  if (session_id == self->session_id)
    abierto_participants_view_reload (self);
}

/* An alias already on the list, compared as the store does (ASCII case
 * folded), to say so before anybody reads the notice for nothing. */
static gboolean
alias_is_taken (AbiertoParticipantsView *self,
                const char              *alias)
{
  GListModel *model = G_LIST_MODEL (self->participants);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AbiertoParticipant) participant = g_list_model_get_item (model, i);

      if (g_ascii_strcasecmp (abierto_participant_get_alias (participant), alias) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
abierto_participants_view_add_pending (AbiertoParticipantsView *self)
{
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  AbiertoParticipant *participant = self->pending;

  abierto_participant_set_consent (participant,
                                   adw_combo_row_get_selected (self->consent_row) == 1
                                   ? ABIERTO_CONSENT_GUARDIAN : ABIERTO_CONSENT_SELF);
  /* the version they were shown; the date is today's */
  abierto_participant_set_notice_version (participant, self->pending_notice);

  if (!abierto_store_add_participant (self->store, participant, &error))
    {
      /* Keep what was typed, to correct it. */
      abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_delete (undo, ABIERTO_UNDO_TARGET_PARTICIPANT,
                             abierto_participant_get_id (participant));
  abierto_store_undo_push (g_steal_pointer (&undo), self->undo, _("Participant removed"),
                           NULL, NULL);

  /* Age band and consent stay: people at a table are often alike. */
  gtk_editable_set_text (GTK_EDITABLE (self->alias_row), "");
}

static void
consent_response_cb (AdwMessageDialog        *dialog,
                     const char              *response,
                     AbiertoParticipantsView *self)
{
  /* The form belongs to the view and is used again next time. */
  adw_message_dialog_set_extra_child (dialog, NULL);
  g_clear_weak_pointer (&self->consent_dialog);

  if (self->pending != NULL && self->store != NULL)
    {
      if (g_strcmp0 (response, "agreed") == 0)
        {
          abierto_participants_view_add_pending (self);
        }
      else
        {
          /* Nothing of them is kept, not even what was typed. */
          gtk_editable_set_text (GTK_EDITABLE (self->alias_row), "");
          abierto_show_toast (GTK_WIDGET (self),
                              _("Nobody was recorded. Their votes can still be counted "
                                "without a name."));
        }
    }

  g_clear_object (&self->pending);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
}

/* Consent comes first: the person (or, for a child, a parent or guardian)
 * hears the privacy notice and agrees, or nothing about them is stored. */
static void
add_cb (AbiertoParticipantsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *notice_heading = NULL;
  g_autofree char *heading = NULL;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->alias_row));
  g_autofree char *alias = g_strstrip (g_strdup (typed));
  guint age = adw_combo_row_get_selected (self->age_row);
  guint version = 0;
  AdwMessageDialog *dialog;

  if (self->store == NULL || self->consent_dialog != NULL)
    return;

  if (*alias == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
      return;
    }

  if (alias_is_taken (self, alias))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The alias “%s” is already used in this session; "
                                   "choose another one."), alias);
      abierto_show_toast (GTK_WIDGET (self), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
      return;
    }

  if (!abierto_store_get_notice (self->store, &version, &notice, NULL, &error))
    {
      abierto_show_toast (GTK_WIDGET (self), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
      return;
    }

  g_clear_object (&self->pending);
  self->pending = abierto_participant_new (self->session_id, alias);
  self->pending_notice = version;
  if (age != GTK_INVALID_LIST_POSITION && age > 0)
    abierto_participant_set_age_band (self->pending,
                                      gtk_string_list_get_string (self->age_bands, age));

  /* Translators: a heading, above the privacy notice */
  notice_heading = g_strdup_printf (_("Privacy Notice, Version %u"), version);
  gtk_label_set_label (self->notice_label, notice_heading);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notice_view), notice, -1);

  /* Translators: the heading of the consent dialog; %s is an alias */
  heading = g_strdup_printf (_("Did “%s” agree?"), alias);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), heading, NULL));
  /* what screen readers and window lists call it */
  gtk_window_set_title (GTK_WINDOW (dialog), heading);
  adw_message_dialog_set_body (dialog,
                               _("Read them the privacy notice, or let them read it. Nothing "
                                 "about them is written down unless they agree."));
  adw_message_dialog_set_extra_child (dialog, self->consent_form);
  adw_message_dialog_add_responses (dialog,
                                    "not-agreed", _("_Did Not Agree"),
                                    "agreed", _("_Agreed"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "agreed", ADW_RESPONSE_SUGGESTED);
  /* Enter, Enter is the way through; Escape is a no */
  adw_message_dialog_set_default_response (dialog, "agreed");
  adw_message_dialog_set_close_response (dialog, "not-agreed");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (consent_response_cb), self, 0);

  g_set_weak_pointer (&self->consent_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  if (gtk_window_get_default_widget (GTK_WINDOW (dialog)) != NULL)
    gtk_widget_grab_focus (gtk_window_get_default_widget (GTK_WINDOW (dialog)));
}

/* Focusing the view is getting ready to type the next alias. */
static gboolean
abierto_participants_view_grab_focus (GtkWidget *widget)
{
  AbiertoParticipantsView *self = ABIERTO_PARTICIPANTS_VIEW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
}

static void
abierto_participants_view_dispose (GObject *object)
{
  AbiertoParticipantsView *self = (AbiertoParticipantsView *)object;

  /* The dialog shows the form, which goes with the view. */
  if (self->consent_dialog != NULL)
    {
      GtkWindow *dialog = self->consent_dialog;

      g_clear_weak_pointer (&self->consent_dialog);
      g_signal_handlers_disconnect_by_func (dialog, consent_response_cb, self);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), NULL);
      gtk_window_destroy (dialog);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_PARTICIPANTS_VIEW);

  g_clear_object (&self->editing);
  g_clear_object (&self->pending);
  g_clear_object (&self->participants);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (abierto_participants_view_parent_class)->dispose (object);
}

static void
abierto_participants_view_class_init (AbiertoParticipantsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_participants_view_dispose;
  widget_class->grab_focus = abierto_participants_view_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gobierto/Abierto/ui/"
                                               "abierto-participants-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, alias_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, age_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, age_bands);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, consent_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, list_group);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, list);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, edit_form);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, edit_alias_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, edit_age_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, edit_gender_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, edit_consent_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, consent_form);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, consent_who_row);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, notice_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, notice_view);
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
}

static void
abierto_participants_view_init (AbiertoParticipantsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Who consents, asked again in the consent dialog: one choice for both */
  adw_combo_row_set_model (self->consent_who_row, adw_combo_row_get_model (self->consent_row));
  g_object_bind_property (self->consent_row, "selected", self->consent_who_row, "selected",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->participants = g_list_store_new (ABIERTO_TYPE_PARTICIPANT);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->participants),
                           create_row, self, NULL);
}

GtkWidget *
abierto_participants_view_new (AbiertoStore     *store,
                               AbiertoUndoStack *undo,
                               gint64            session_id)
{
  AbiertoParticipantsView *self = g_object_new (ABIERTO_TYPE_PARTICIPANTS_VIEW, NULL);

  abierto_participants_view_set_session (self, store, undo, session_id);

  return GTK_WIDGET (self);
}

void
abierto_participants_view_set_session (AbiertoParticipantsView *self,
                                       AbiertoStore            *store,
                                       AbiertoUndoStack        *undo,
                                       gint64                   session_id)
{
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *bands;
  guint n_bands = 0;

  g_return_if_fail (ABIERTO_IS_PARTICIPANTS_VIEW (self));
  g_return_if_fail (ABIERTO_IS_STORE (store));
  g_return_if_fail (ABIERTO_IS_UNDO_STACK (undo));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->undo = g_object_ref (undo);
  self->session_id = session_id;

  session = abierto_store_get_session (store, session_id, &error);
  self->group = session != NULL ? abierto_session_get_group (session) : ABIERTO_GROUP_MIXED;

  bands = age_bands[self->group];
  gtk_string_list_append (self->age_bands, _("Not recorded"));
  while (n_bands < G_N_ELEMENTS (age_bands[0]) && bands[n_bands] != NULL)
    gtk_string_list_append (self->age_bands, bands[n_bands++]);

  /* A child's consent is given by a parent or guardian. */
  adw_combo_row_set_selected (self->consent_row,
                              self->group == ABIERTO_GROUP_CHILDREN ? 1 : 0);

  g_signal_connect_object (store, "changed::participant",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  abierto_participants_view_reload (self);
}
