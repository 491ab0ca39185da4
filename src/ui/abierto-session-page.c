/* abierto-session-page.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-commitments-view.h"
#include "abierto-participants-view.h"
#include "abierto-proposals-view.h"
#include "abierto-results-view.h"
#include "abierto-session-page.h"
#include "abierto-view-util.h"
#include "abierto-voting-view.h"

/* One session at the workshop table: who takes part, what they propose,
 * how they vote, what came out and what institutions commit to do about
 * it, one view each. */
struct _AbiertoSessionPage
{
  AdwBin                   parent_instance;

  /* Owned */
  AbiertoStore            *store;
  AbiertoUndoStack        *undo;
  gint64                   session_id;

  /* Template children, borrowed */
  GtkLabel                *title_label;
  GtkLabel                *question_label;
  AdwViewSwitcherTitle    *switcher_title;
  AdwViewSwitcherBar      *switcher_bar;
  AdwViewStack            *stack;
  AbiertoParticipantsView *participants_view;
  AbiertoProposalsView    *proposals_view;
  AbiertoVotingView       *voting_view;
  AbiertoResultsView      *results_view;
  AbiertoCommitmentsView  *commitments_view;
};

G_DEFINE_FINAL_TYPE (AbiertoSessionPage, abierto_session_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UNDO_STACK,
  PROP_SESSION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const view_names[] = {
  "participants", "proposals", "voting", "results", "commitments"
};

static void
abierto_session_page_update_header (AbiertoSessionPage *self)
{
  g_autoptr(AbiertoSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *question;

  session = abierto_store_get_session (self->store, self->session_id, &error);
  if (session == NULL)
    {
      /* The window takes a deleted session away; nothing to show meanwhile. */
      if (!g_error_matches (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_NOT_FOUND))
        abierto_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  /* The window's header already names the session: the page leads with
   * the guiding question, which the room works on, when there is one. */
  question = abierto_session_get_question (session);
  if (question != NULL && *question != '\0')
    {
      gtk_label_set_label (self->title_label, question);
      gtk_label_set_label (self->question_label, abierto_session_get_title (session));
    }
  else
    {
      gtk_label_set_label (self->title_label, abierto_session_get_title (session));
      gtk_label_set_label (self->question_label, "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->question_label),
                          question != NULL && *question != '\0');
}

static void
session_changed_cb (AbiertoSessionPage *self,
                    const char         *table,
                    gint64              session_id,
                    AbiertoStore       *store)
{
  if (session_id == self->session_id)
    abierto_session_page_update_header (self);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AbiertoSessionPage *self = ABIERTO_SESSION_PAGE (widget);
  GtkWidget *child;

  abierto_session_page_show_view (self, g_variant_get_string (parameter, NULL));

  /* From the keyboard, go on into the view: Alt+2 and type a proposal. */
  child = adw_view_stack_get_visible_child (self->stack);
  if (child != NULL)
    gtk_widget_grab_focus (child);
}

static void
abierto_session_page_constructed (GObject *object)
{
  AbiertoSessionPage *self = (AbiertoSessionPage *)object;

  G_OBJECT_CLASS (abierto_session_page_parent_class)->constructed (object);

  g_return_if_fail (ABIERTO_IS_STORE (self->store));
  g_return_if_fail (ABIERTO_IS_UNDO_STACK (self->undo));

  abierto_session_page_update_header (self);
  g_signal_connect_object (self->store, "changed::session",
                           G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);

  abierto_participants_view_set_session (self->participants_view, self->store, self->undo,
                                         self->session_id);
  abierto_proposals_view_set_session (self->proposals_view, self->store, self->undo,
                                      self->session_id);
  abierto_voting_view_set_session (self->voting_view, self->store, self->undo,
                                   self->session_id);
  abierto_results_view_set_session (self->results_view, self->store, self->undo,
                                    self->session_id);
  abierto_commitments_view_set_session (self->commitments_view, self->store, self->undo,
                                        self->session_id);

  /* Results follow the round being voted, and the other way round. */
  g_object_bind_property (self->voting_view, "round-id", self->results_view, "round-id",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
abierto_session_page_dispose (GObject *object)
{
  AbiertoSessionPage *self = (AbiertoSessionPage *)object;

  /* Let go of the stack before it goes: libadwaita 1.2 switchers would
   * otherwise unparent buttons already gone. */
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ABIERTO_TYPE_SESSION_PAGE);

  g_clear_object (&self->undo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (abierto_session_page_parent_class)->dispose (object);
}

static void
abierto_session_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AbiertoSessionPage *self = ABIERTO_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo);
      break;

    case PROP_SESSION_ID:
      g_value_set_int64 (value, self->session_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_session_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AbiertoSessionPage *self = ABIERTO_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_UNDO_STACK:
      self->undo = g_value_dup_object (value);
      break;

    case PROP_SESSION_ID:
      self->session_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_session_page_class_init (AbiertoSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = abierto_session_page_constructed;
  object_class->dispose = abierto_session_page_dispose;
  object_class->get_property = abierto_session_page_get_property;
  object_class->set_property = abierto_session_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         ABIERTO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL,
                         ABIERTO_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ABIERTO_TYPE_PARTICIPANTS_VIEW);
  g_type_ensure (ABIERTO_TYPE_PROPOSALS_VIEW);
  g_type_ensure (ABIERTO_TYPE_VOTING_VIEW);
  g_type_ensure (ABIERTO_TYPE_RESULTS_VIEW);
  g_type_ensure (ABIERTO_TYPE_COMMITMENTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gobierto/Abierto/ui/abierto-session-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, participants_view);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, proposals_view);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, voting_view);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, results_view);
  gtk_widget_class_bind_template_child (widget_class, AbiertoSessionPage, commitments_view);

  gtk_widget_class_install_action (widget_class, "session.show-view", "s", show_view_action);
}

static void
abierto_session_page_init (AbiertoSessionPage *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Alt+1 … Alt+5 wherever the focus is in the window, as with tabs. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      GtkShortcut *shortcut;

      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_ALT_MASK),
                                   gtk_named_action_new ("session.show-view"));
      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (view_names[i]));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * abierto_session_page_new:
 * @store: the workshop file
 * @undo: the window's undo stack, where every change is pushed
 * @session_id: the session to show
 *
 * Returns: (transfer floating): a new page
 */
GtkWidget *
abierto_session_page_new (AbiertoStore     *store,
                          AbiertoUndoStack *undo,
                          gint64            session_id)
{
  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);
  g_return_val_if_fail (ABIERTO_IS_UNDO_STACK (undo), NULL);

  return g_object_new (ABIERTO_TYPE_SESSION_PAGE,
                       "store", store,
                       "undo-stack", undo,
                       "session-id", session_id,
                       NULL);
}

gint64
abierto_session_page_get_session_id (AbiertoSessionPage *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION_PAGE (self), 0);

  return self->session_id;
}

void
abierto_session_page_show_view (AbiertoSessionPage *self,
                                const char         *name)
{
  g_return_if_fail (ABIERTO_IS_SESSION_PAGE (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->stack, name);
}
