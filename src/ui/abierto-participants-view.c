/* abierto-participants-view.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>

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
  gint64              session_id;
  AbiertoGroup        group;

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
  AdwComboRow        *edit_consent_row;
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
         && abierto_participant_get_consent (pa) == abierto_participant_get_consent (pb);
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
      abierto_participant_set_gender (edited, abierto_participant_get_gender (old));
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
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  g_set_object (&self->editing, participant);
  gtk_editable_set_text (GTK_EDITABLE (self->edit_alias_row),
                         abierto_participant_get_alias (participant));
  gtk_editable_set_text (GTK_EDITABLE (self->edit_age_row), age_band != NULL ? age_band : "");
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

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  AbiertoParticipantsView *self = user_data;
  AbiertoParticipant *participant = ABIERTO_PARTICIPANT (item);
  const char *alias = abierto_participant_get_alias (participant);
  const char *age_band = abierto_participant_get_age_band (participant);
  g_autofree char *subtitle = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *delete_label = NULL;
  GtkWidget *row, *edit, *delete;

  if (age_band != NULL && *age_band != '\0')
    /* Translators: a participant's details: age band, then who consented */
    subtitle = g_strdup_printf (_("Age %s · %s"), age_band,
                                consent_label (abierto_participant_get_consent (participant)));
  else
    subtitle = g_strdup (consent_label (abierto_participant_get_consent (participant)));

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

static void
add_cb (AbiertoParticipantsView *self)
{
  g_autoptr(AbiertoParticipant) participant = NULL;
  g_autoptr(AbiertoStoreUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->alias_row));
  g_autofree char *alias = g_strstrip (g_strdup (typed));
  guint age = adw_combo_row_get_selected (self->age_row);

  if (self->store == NULL)
    return;

  if (*alias == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
      return;
    }

  participant = abierto_participant_new (self->session_id, alias);
  if (age != GTK_INVALID_LIST_POSITION && age > 0)
    abierto_participant_set_age_band (participant,
                                      gtk_string_list_get_string (self->age_bands, age));
  abierto_participant_set_consent (participant,
                                   adw_combo_row_get_selected (self->consent_row) == 1
                                   ? ABIERTO_CONSENT_GUARDIAN : ABIERTO_CONSENT_SELF);

  if (!abierto_store_add_participant (self->store, participant, &error))
    {
      /* Keep what was typed, to correct it. */
      abierto_show_toast (GTK_WIDGET (self), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
      return;
    }

  undo = abierto_store_undo_new (self->store);
  abierto_store_undo_delete (undo, ABIERTO_UNDO_TARGET_PARTICIPANT,
                             abierto_participant_get_id (participant));
  abierto_store_undo_push (g_steal_pointer (&undo), self->undo, _("Participant removed"),
                           NULL, NULL);

  /* Age band and consent stay: people at a table are often alike. */
  gtk_editable_set_text (GTK_EDITABLE (self->alias_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
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

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_PARTICIPANTS_VIEW);

  g_clear_object (&self->editing);
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
  gtk_widget_class_bind_template_child (widget_class, AbiertoParticipantsView, edit_consent_row);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
}

static void
abierto_participants_view_init (AbiertoParticipantsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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
