/* abierto-vote-row.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-vote-row.h"
#include "abierto-view-util.h"

/* One proposal on a capture screen: the controls of the round's method,
 * what the person on show gave it, and the round's running total. */
struct _AbiertoVoteRow
{
  AdwActionRow     parent_instance;

  gint64           proposal_id;
  AbiertoMethod    method;
  guint            points;
  gboolean         updating;  /* set while showing the store's state */
  GtkWidget       *scale_buttons[5];  /* borrowed */

  /* Template children, borrowed */
  GtkCheckButton  *approve_check;
  GtkLabel        *number_label;
  GtkLabel        *total_label;
  GtkLabel        *mine_label;
  GtkWidget       *dot_box;
  GtkWidget       *take_dot_button;
  GtkWidget       *give_dot_button;
  GtkWidget       *scale_box;
  GtkWidget       *rank_button;
  GtkWidget       *tally_box;
  GtkWidget       *tally_minus_button;
  GtkSpinButton   *tally_spin;
  GtkWidget       *tally_plus_button;
};

G_DEFINE_FINAL_TYPE (AbiertoVoteRow, abierto_vote_row, ADW_TYPE_ACTION_ROW)

enum {
  VOTE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Faces and words both: a child who cannot read yet, and a screen
 * reader, each get one they understand. */
static const char * const face_labels[3] = {
  N_("☹ Don't like"),
  N_("😐 So-so"),
  N_("🙂 Like"),
};

static const char * const point_words[5] = {
  N_("1, not at all"),
  N_("2, a little"),
  N_("3, somewhat"),
  N_("4, a lot"),
  N_("5, completely"),
};

static void
emit_vote (AbiertoVoteRow    *self,
           AbiertoVoteAction  action,
           gint               value)
{
  if (!self->updating)
    g_signal_emit (self, signals[VOTE], 0, action, value);
}

static void
approve_toggled_cb (AbiertoVoteRow *self)
{
  emit_vote (self, ABIERTO_VOTE_ACTION_APPROVE, gtk_check_button_get_active (self->approve_check));
}

static void
give_dot_clicked_cb (AbiertoVoteRow *self)
{
  emit_vote (self, ABIERTO_VOTE_ACTION_GIVE_DOT, 1);
}

static void
take_dot_clicked_cb (AbiertoVoteRow *self)
{
  emit_vote (self, ABIERTO_VOTE_ACTION_TAKE_DOT, 1);
}

static void
rank_clicked_cb (AbiertoVoteRow *self)
{
  emit_vote (self, ABIERTO_VOTE_ACTION_RANK, 0);
}

static void
scale_clicked_cb (GtkToggleButton *button,
                  AbiertoVoteRow  *self)
{
  gint rating = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "rating"));

  /* The view shows what the store holds afterwards; until then the
   * buttons keep their old state. */
  if (self->updating)
    return;

  self->updating = TRUE;
  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
  self->updating = FALSE;

  emit_vote (self, ABIERTO_VOTE_ACTION_RATE, rating);
}

static void
tally_value_changed_cb (AbiertoVoteRow *self)
{
  emit_vote (self, ABIERTO_VOTE_ACTION_TALLY, gtk_spin_button_get_value_as_int (self->tally_spin));
}

static void
tally_minus_clicked_cb (AbiertoVoteRow *self)
{
  gtk_spin_button_spin (self->tally_spin, GTK_SPIN_STEP_BACKWARD, 1);
}

static void
tally_plus_clicked_cb (AbiertoVoteRow *self)
{
  gtk_spin_button_spin (self->tally_spin, GTK_SPIN_STEP_FORWARD, 1);
}

static void
abierto_vote_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ABIERTO_TYPE_VOTE_ROW);

  G_OBJECT_CLASS (abierto_vote_row_parent_class)->dispose (object);
}

static void
abierto_vote_row_class_init (AbiertoVoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_vote_row_dispose;

  /**
   * AbiertoVoteRow::vote:
   * @self: the row
   * @action: an #AbiertoVoteAction
   * @value: what goes with it
   *
   * Emitted when the facilitator taps a control of the row.
   */
  signals[VOTE] =
    g_signal_new ("vote",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/gobierto/Abierto/ui/abierto-vote-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, approve_check);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, total_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, mine_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, dot_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, take_dot_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, give_dot_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, scale_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, rank_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, tally_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, tally_minus_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, tally_spin);
  gtk_widget_class_bind_template_child (widget_class, AbiertoVoteRow, tally_plus_button);
  gtk_widget_class_bind_template_callback (widget_class, approve_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, give_dot_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, take_dot_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rank_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, tally_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tally_minus_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, tally_plus_clicked_cb);
}

static void
abierto_vote_row_init (AbiertoVoteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

GtkWidget *
abierto_vote_row_new (AbiertoProposal *proposal,
                      guint            number,
                      AbiertoMethod    method,
                      guint            points)
{
  AbiertoVoteRow *self;
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  g_autofree char *label = NULL;
  const char *category;

  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (proposal), NULL);
  g_return_val_if_fail (points == 3 || points == 5, NULL);

  self = g_object_new (ABIERTO_TYPE_VOTE_ROW, NULL);
  self->proposal_id = abierto_proposal_get_id (proposal);
  self->method = method;
  self->points = points;

  /* Typed by people: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), abierto_proposal_get_text (proposal));
  category = abierto_proposal_get_category (proposal);
  if (category != NULL && *category != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), category);
  gtk_label_set_label (self->number_label, number_text);

  /* Translators: names a proposal in the labels of its controls */
  label = g_strdup_printf (_("proposal %u"), number);

  switch (method)
    {
    case ABIERTO_METHOD_DOT:
      {
        /* Translators: accessible labels; %s is “proposal 3” */
        g_autofree char *give = g_strdup_printf (_("Give a dot to %s"), label);
        g_autofree char *take = g_strdup_printf (_("Take back a dot from %s"), label);

        gtk_widget_set_visible (self->dot_box, TRUE);
        gtk_widget_set_visible (GTK_WIDGET (self->mine_label), TRUE);
        set_accessible_label (self->give_dot_button, give);
        set_accessible_label (self->take_dot_button, take);
      }
      break;

    case ABIERTO_METHOD_APPROVAL:
      {
        /* Translators: an accessible label; %s is “proposal 3” */
        g_autofree char *approve = g_strdup_printf (_("Approve %s"), label);

        gtk_widget_set_visible (GTK_WIDGET (self->approve_check), TRUE);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self),
                                               GTK_WIDGET (self->approve_check));
        set_accessible_label (GTK_WIDGET (self->approve_check), approve);
      }
      break;

    case ABIERTO_METHOD_SCALE:
      gtk_widget_set_visible (self->scale_box, TRUE);
      if (points == 3)
        gtk_widget_add_css_class (self->scale_box, "linked");
      for (guint i = 0; i < points; i++)
        {
          const char *words = points == 3 ? _(face_labels[i]) : _(point_words[i]);
          g_autofree char *digit = g_strdup_printf ("%u", i + 1);
          /* Translators: an accessible label: a rating, then “proposal 3” */
          g_autofree char *accessible = g_strdup_printf (_("Rate %s: %s"), label, words);
          GtkWidget *button = gtk_toggle_button_new_with_label (points == 3 ? words : digit);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, words);
          if (points == 5)
            gtk_widget_add_css_class (button, "circular");
          set_accessible_label (button, accessible);
          g_object_set_data (G_OBJECT (button), "rating", GINT_TO_POINTER (i + 1));
          g_signal_connect_object (button, "clicked", G_CALLBACK (scale_clicked_cb), self, 0);
          gtk_box_append (GTK_BOX (self->scale_box), button);
          self->scale_buttons[i] = button;
        }
      break;

    case ABIERTO_METHOD_RANKING:
      {
        /* Translators: an accessible label; %s is “proposal 3” */
        g_autofree char *rank = g_strdup_printf (_("Put %s next in the ranking"), label);

        gtk_widget_set_visible (self->rank_button, TRUE);
        gtk_widget_set_visible (GTK_WIDGET (self->mine_label), TRUE);
        set_accessible_label (self->rank_button, rank);
      }
      break;

    case ABIERTO_METHOD_TALLY:
      {
        /* Translators: accessible labels; %s is “proposal 3” */
        g_autofree char *count = g_strdup_printf (_("Hands for %s"), label);
        g_autofree char *minus = g_strdup_printf (_("One hand less for %s"), label);
        g_autofree char *plus = g_strdup_printf (_("One hand more for %s"), label);

        gtk_widget_set_visible (self->tally_box, TRUE);
        gtk_widget_set_visible (GTK_WIDGET (self->total_label), FALSE);
        set_accessible_label (GTK_WIDGET (self->tally_spin), count);
        set_accessible_label (self->tally_minus_button, minus);
        set_accessible_label (self->tally_plus_button, plus);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return GTK_WIDGET (self);
}

gint64
abierto_vote_row_get_proposal_id (AbiertoVoteRow *self)
{
  g_return_val_if_fail (ABIERTO_IS_VOTE_ROW (self), 0);

  return self->proposal_id;
}

void
abierto_vote_row_set_total (AbiertoVoteRow *self,
                            const char     *total)
{
  g_return_if_fail (ABIERTO_IS_VOTE_ROW (self));

  gtk_label_set_label (self->total_label, total);
}

void
abierto_vote_row_set_dots (AbiertoVoteRow *self,
                           guint           mine,
                           gboolean        can_give)
{
  g_autofree char *symbols = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (ABIERTO_IS_VOTE_ROW (self));

  symbols = abierto_format_dot_symbols (MIN (mine, 20), 0);
  text = mine > 0 ? g_strdup_printf ("%s %u", symbols, mine) : g_strdup ("");
  gtk_label_set_label (self->mine_label, text);
  gtk_widget_set_sensitive (self->give_dot_button, can_give);
  gtk_widget_set_sensitive (self->take_dot_button, mine > 0);
}

void
abierto_vote_row_set_approved (AbiertoVoteRow *self,
                               gboolean        approved)
{
  g_return_if_fail (ABIERTO_IS_VOTE_ROW (self));

  self->updating = TRUE;
  gtk_check_button_set_active (self->approve_check, approved);
  self->updating = FALSE;
}

void
abierto_vote_row_set_rating (AbiertoVoteRow *self,
                             guint           rating)
{
  g_return_if_fail (ABIERTO_IS_VOTE_ROW (self));

  self->updating = TRUE;
  for (guint i = 0; i < self->points && self->scale_buttons[i] != NULL; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->scale_buttons[i]), i + 1 == rating);
  self->updating = FALSE;
}

void
abierto_vote_row_set_place (AbiertoVoteRow *self,
                            guint           place,
                            gboolean        can_rank)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ABIERTO_IS_VOTE_ROW (self));

  /* Translators: a proposal's place in a person's ranking */
  text = place > 0 ? g_strdup_printf (_("Place %u"), place) : g_strdup ("");
  gtk_label_set_label (self->mine_label, text);
  gtk_widget_set_sensitive (self->rank_button, place == 0 && can_rank);
}

void
abierto_vote_row_set_tally (AbiertoVoteRow *self,
                            guint           count)
{
  g_return_if_fail (ABIERTO_IS_VOTE_ROW (self));

  self->updating = TRUE;
  gtk_spin_button_set_value (self->tally_spin, count);
  self->updating = FALSE;
  gtk_widget_set_sensitive (self->tally_minus_button, count > 0);
}
