/* abierto-kiosk-window.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#ifdef HAVE_SPEECHD
#include <speech-dispatcher/libspeechd.h>
#endif

#include "abierto-ballot.h"
#include "abierto-kiosk-window.h"
#include "abierto-view-util.h"

/* Participants vote on their own, one ballot at a time: welcome, who
 * is voting, the ballot, a review, thanks, and welcome again. Nothing
 * reaches the file until "Confirm my vote", and then the whole ballot
 * does, in one transaction. No results are shown here. The facilitator
 * leaves with a PIN, asked for by a gesture nobody makes by chance. */

#define PIN_LENGTH            4
#define IDLE_SECONDS_DEFAULT  90
#define THANKS_SECONDS        4
#define HOLD_TO_LEAVE_MS      2000
#define CORNER_PRESS_MS       3000
/* wrong PINs allowed before the pad rests, and the first rest; each
 * further wrong PIN doubles it, up to a quarter of an hour */
#define PIN_TRIES             3
#define PIN_WAIT_SECONDS      30
#define PIN_WAIT_MAX_SECONDS  (15 * 60)

typedef struct
{
  gint64      proposal_id;
  char       *text;        /* owned: what is read and shown */
  char       *short_text;  /* owned: what screen readers name it by */
  gint        value;       /* dots, 1 approved, the rating; 0 nothing */

  /* Borrowed, in cards_box */
  GtkWidget  *card;
  GtkWidget  *give;
  GtkWidget  *take;
  GtkLabel   *count;
  GtkWidget  *toggle;
  GtkWidget  *faces[5];
  GtkLabel   *place;
  GtkWidget  *rank;
  GtkWidget  *up;
  GtkWidget  *down;
  GtkWidget  *remove;
} Card;

struct _AbiertoKioskWindow
{
  AdwWindow        parent_instance;

  /* Owned */
  AbiertoStore    *store;
  AbiertoRound    *round;
  AbiertoSession  *session;
  GArray          *cards;        /* of Card */
  GArray          *order;        /* of guint, cards by place in a ranking */
  GString         *typed;        /* the digits on the PIN pad */
  char            *pin;          /* the facilitator's, once chosen */
  char            *first_pin;    /* the one to confirm */
#ifdef HAVE_SPEECHD
  SPDConnection   *speech;
#endif

  gint64           participant_id;  /* 0: without a name */
  char            *voter;           /* owned: the alias, or NULL */
  char            *page_before_unlock;
  guint            idle_seconds;
  guint            thanks_seconds;
  guint            pin_wait_seconds;
  guint            wrong_pins;      /* in a row */
  gint64           locked_until;    /* monotonic µs; 0 when not locked */
  guint            lock_id;
  guint            idle_id;
  guint            thanks_id;
  guint            hold_id;
  gboolean         leaving;

  /* Template children, borrowed */
  GtkStack        *stack;
  GtkWidget       *corner;
  GtkLabel        *set_pin_title;
  GtkLabel        *set_pin_hint;
  GtkLabel        *set_pin_display;
  GtkGrid         *set_pin_pad;
  GtkLabel        *welcome_question;
  GtkLabel        *welcome_round;
  GtkWidget       *start_button;
  GtkFlowBox      *who_box;
  GtkWidget       *anonymous_button;
  GtkLabel        *ballot_title;
  GtkLabel        *ballot_hint;
  GtkWidget       *dots_box;
  GtkLabel        *dots_left_label;
  GtkLabel        *dots_symbols_label;
  GtkBox          *cards_box;
  GtkWidget       *review_button;
  GtkLabel        *review_title;
  GtkBox          *review_box;
  GtkLabel        *error_label;
  GtkWidget       *confirm_button;
  GtkLabel        *unlock_hint;
  GtkLabel        *unlock_display;
  GtkGrid         *unlock_pad;
};

G_DEFINE_FINAL_TYPE (AbiertoKioskWindow, abierto_kiosk_window, ADW_TYPE_WINDOW)

enum {
  LEFT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Faces and words both, as on the capture screen (the same strings). */
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

static void abierto_kiosk_window_show_page (AbiertoKioskWindow *self,
                                            const char         *page);
static void update_ballot                  (AbiertoKioskWindow *self);

static void
card_clear (gpointer data)
{
  Card *card = data;

  g_clear_pointer (&card->text, g_free);
  g_clear_pointer (&card->short_text, g_free);
}

static AbiertoMethod
method (AbiertoKioskWindow *self)
{
  return abierto_round_get_method (self->round);
}

static guint
n_points (AbiertoKioskWindow *self)
{
  return abierto_round_get_points (self->round) == 3 ? 3 : 5;
}

static const char *
rating_label (AbiertoKioskWindow *self,
              gint                value)
{
  g_assert (value >= 1 && value <= (gint) n_points (self));

  return n_points (self) == 3 ? _(face_labels[value - 1]) : _(point_words[value - 1]);
}

static guint
env_seconds (const char *name,
             guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 24 * 3600, &n, NULL))
    return fallback;
  return (guint) n;
}

/* Names a target for screen readers, when its label is not enough. */
static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A button whose words wrap rather than widen the page. */
static GtkWidget *
big_button (GType       type,
            const char *name,
            const char *text)
{
  GtkWidget *button = g_object_new (type, "name", name, NULL);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_button_set_child (GTK_BUTTON (button), label);
  /* GTK 4.8 names a button after its type ("GtkButton"), not after the
   * label it holds: the digits of the PIN pad, the names of people */
  if (*text != '\0')
    set_accessible_label (button, text);

  return button;
}

static void
set_button_text (GtkWidget  *button,
                 const char *text)
{
  gtk_label_set_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), text);
}

/* Speech */

static gboolean
can_speak (AbiertoKioskWindow *self)
{
#ifdef HAVE_SPEECHD
  return self->speech != NULL;
#else
  return FALSE;
#endif
}

static void
speech_open (AbiertoKioskWindow *self)
{
#ifdef HAVE_SPEECHD
  const char *language = abierto_session_get_language (self->session);
  g_autofree char *code = NULL;

  if (g_getenv ("ABIERTO_KIOSK_NO_SPEECH") != NULL)
    return;

  self->speech = spd_open ("abierto", "kiosk", NULL, SPD_MODE_SINGLE);
  if (self->speech == NULL)
    return;

  /* "es-MX" → "es" */
  code = g_strndup (language != NULL ? language : "es", 2);
  spd_set_language (self->speech, code);
#endif
}

static void
speech_close (AbiertoKioskWindow *self)
{
#ifdef HAVE_SPEECHD
  if (self->speech != NULL)
    {
      spd_cancel (self->speech);
      spd_close (self->speech);
      self->speech = NULL;
    }
#endif
}

static void
read_aloud_cb (GtkButton          *button,
               AbiertoKioskWindow *self)
{
#ifdef HAVE_SPEECHD
  const char *text = g_object_get_data (G_OBJECT (button), "text");

  if (self->speech == NULL || text == NULL)
    return;
  spd_cancel (self->speech);
  spd_say (self->speech, SPD_MESSAGE, text);
#endif
}

/* Timers */

static gboolean
idle_timeout_cb (gpointer user_data)
{
  AbiertoKioskWindow *self = user_data;

  self->idle_id = 0;
  /* Whoever was voting walked away: nothing they chose is kept. */
  abierto_kiosk_window_show_page (self, "welcome");

  return G_SOURCE_REMOVE;
}

/* Any touch, click or key while someone votes starts the count again. */
static void
restart_idle (AbiertoKioskWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (g_strcmp0 (page, "who") == 0 || g_strcmp0 (page, "ballot") == 0
      || g_strcmp0 (page, "review") == 0 || g_strcmp0 (page, "unlock") == 0)
    self->idle_id = g_timeout_add_seconds (self->idle_seconds, idle_timeout_cb, self);
}

static gboolean
thanks_timeout_cb (gpointer user_data)
{
  AbiertoKioskWindow *self = user_data;

  self->thanks_id = 0;
  abierto_kiosk_window_show_page (self, "welcome");

  return G_SOURCE_REMOVE;
}

/* The ballot */

static void
reset_ballot (AbiertoKioskWindow *self)
{
  for (guint i = 0; self->cards != NULL && i < self->cards->len; i++)
    g_array_index (self->cards, Card, i).value = 0;
  if (self->order != NULL)
    g_array_set_size (self->order, 0);
  self->participant_id = 0;
  g_clear_pointer (&self->voter, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static guint
dots_given (AbiertoKioskWindow *self)
{
  guint sum = 0;

  for (guint i = 0; i < self->cards->len; i++)
    sum += MAX (g_array_index (self->cards, Card, i).value, 0);

  return sum;
}

static guint
n_chosen (AbiertoKioskWindow *self)
{
  guint n = 0;

  if (method (self) == ABIERTO_METHOD_RANKING)
    return self->order->len;

  for (guint i = 0; i < self->cards->len; i++)
    n += g_array_index (self->cards, Card, i).value > 0;

  return n;
}

static Card *
card_of (AbiertoKioskWindow *self,
         GtkWidget          *button)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "card"));

  g_assert (i < self->cards->len);
  return &g_array_index (self->cards, Card, i);
}

static guint
card_index (GtkWidget *button)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "card"));
}

static gint
place_of (AbiertoKioskWindow *self,
          guint               index)
{
  for (guint i = 0; i < self->order->len; i++)
    if (g_array_index (self->order, guint, i) == index)
      return (gint) i;

  return -1;
}

static void
give_dot_cb (GtkButton          *button,
             AbiertoKioskWindow *self)
{
  Card *card = card_of (self, GTK_WIDGET (button));

  restart_idle (self);
  if (dots_given (self) >= abierto_round_get_dots (self->round))
    return;
  card->value++;
  update_ballot (self);
}

static void
take_dot_cb (GtkButton          *button,
             AbiertoKioskWindow *self)
{
  Card *card = card_of (self, GTK_WIDGET (button));

  restart_idle (self);
  if (card->value > 0)
    card->value--;
  update_ballot (self);
}

static void
approve_toggled_cb (GtkToggleButton    *button,
                    AbiertoKioskWindow *self)
{
  Card *card = card_of (self, GTK_WIDGET (button));

  restart_idle (self);
  card->value = gtk_toggle_button_get_active (button) ? 1 : 0;
  update_ballot (self);
}

static void
face_clicked_cb (GtkButton          *button,
                 AbiertoKioskWindow *self)
{
  Card *card = card_of (self, GTK_WIDGET (button));
  gint value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "value"));

  restart_idle (self);
  /* the same face again takes the rating back */
  card->value = card->value == value ? 0 : value;
  update_ballot (self);
}

static void
rank_cb (GtkButton          *button,
         AbiertoKioskWindow *self)
{
  guint index = card_index (GTK_WIDGET (button));

  restart_idle (self);
  if (place_of (self, index) < 0)
    g_array_append_val (self->order, index);
  update_ballot (self);

  /* the focus was on a button that is now hidden */
  gtk_widget_grab_focus (g_array_index (self->cards, Card, index).remove);
}

static void
move_cb (GtkButton          *button,
         AbiertoKioskWindow *self)
{
  guint index = card_index (GTK_WIDGET (button));
  gint delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  gint place = place_of (self, index);
  gint other = place + delta;

  restart_idle (self);
  if (place < 0 || other < 0 || other >= (gint) self->order->len)
    return;

  g_array_index (self->order, guint, place) = g_array_index (self->order, guint, other);
  g_array_index (self->order, guint, other) = index;
  update_ballot (self);

  /* keep the focus on the card that moved, where it can move on */
  if (gtk_widget_get_sensitive (GTK_WIDGET (button)))
    gtk_widget_grab_focus (GTK_WIDGET (button));
  else
    gtk_widget_grab_focus (delta < 0 ? g_array_index (self->cards, Card, index).down
                                     : g_array_index (self->cards, Card, index).up);
}

static void
unrank_cb (GtkButton          *button,
           AbiertoKioskWindow *self)
{
  guint index = card_index (GTK_WIDGET (button));
  gint place = place_of (self, index);

  restart_idle (self);
  if (place >= 0)
    g_array_remove_index (self->order, (guint) place);
  update_ballot (self);
  gtk_widget_grab_focus (g_array_index (self->cards, Card, index).rank);
}

static GtkWidget *
card_button (AbiertoKioskWindow *self,
             GType               type,
             guint               index,
             const char         *name,
             const char         *text,
             const char         *accessible,
             const char         *signal,
             GCallback           callback)
{
  Card *card = &g_array_index (self->cards, Card, index);
  g_autofree char *widget_name = g_strdup_printf ("%s-%" G_GINT64_FORMAT, name,
                                                  card->proposal_id);
  GtkWidget *button = big_button (type, widget_name, text);

  g_object_set_data (G_OBJECT (button), "card", GUINT_TO_POINTER (index));
  if (accessible != NULL)
    set_accessible_label (button, accessible);
  g_signal_connect_object (button, signal, callback, self, 0);

  return button;
}

static void
build_card (AbiertoKioskWindow *self,
            guint               index)
{
  Card *card = &g_array_index (self->cards, Card, index);
  GtkWidget *box, *top, *text, *controls, *faces;
  g_autofree char *name = NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_add_css_class (box, "kiosk-card");
  card->card = box;

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_append (GTK_BOX (box), top);

  if (method (self) == ABIERTO_METHOD_RANKING)
    {
      card->place = GTK_LABEL (gtk_label_new (""));
      gtk_widget_add_css_class (GTK_WIDGET (card->place), "kiosk-place");
      gtk_widget_set_valign (GTK_WIDGET (card->place), GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (top), GTK_WIDGET (card->place));
    }

  text = wrapped_label (card->text, "kiosk-proposal");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (top), text);

  if (can_speak (self))
    {
      g_autofree char *accessible = g_strdup_printf (_("Read aloud: %s"), card->short_text);
      GtkWidget *speak = card_button (self, GTK_TYPE_BUTTON, index, "speak", _("Read aloud"),
                                      accessible, "clicked", G_CALLBACK (read_aloud_cb));

      g_object_set_data_full (G_OBJECT (speak), "text", g_strdup (card->text), g_free);
      gtk_widget_set_valign (speak, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (top), speak);
    }

  controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), controls);

  switch (method (self))
    {
    case ABIERTO_METHOD_DOT:
      {
        g_autofree char *give = g_strdup_printf (_("Give a dot to: %s"), card->short_text);
        g_autofree char *take = g_strdup_printf (_("Take a dot back from: %s"),
                                                 card->short_text);

        card->take = card_button (self, GTK_TYPE_BUTTON, index, "take", _("− Take one back"),
                                  take, "clicked", G_CALLBACK (take_dot_cb));
        card->count = GTK_LABEL (gtk_label_new (""));
        gtk_widget_add_css_class (GTK_WIDGET (card->count), "kiosk-status");
        gtk_widget_set_hexpand (GTK_WIDGET (card->count), TRUE);
        card->give = card_button (self, GTK_TYPE_BUTTON, index, "give", _("+ Give a dot"),
                                  give, "clicked", G_CALLBACK (give_dot_cb));
        gtk_widget_add_css_class (card->give, "kiosk-primary");
        gtk_box_append (GTK_BOX (controls), card->take);
        gtk_box_append (GTK_BOX (controls), GTK_WIDGET (card->count));
        gtk_box_append (GTK_BOX (controls), card->give);
      }
      break;

    case ABIERTO_METHOD_APPROVAL:
      {
        g_autofree char *accessible = g_strdup_printf (_("I support: %s"), card->short_text);

        card->toggle = card_button (self, GTK_TYPE_TOGGLE_BUTTON, index, "approve",
                                    _("I support it"), accessible, "toggled",
                                    G_CALLBACK (approve_toggled_cb));
        gtk_widget_set_hexpand (card->toggle, TRUE);
        gtk_box_append (GTK_BOX (controls), card->toggle);
      }
      break;

    case ABIERTO_METHOD_SCALE:
      /* Three faces fit in a row; five points wrap on a tablet held
       * upright. */
      if (n_points (self) == 3)
        {
          faces = controls;
          gtk_box_set_homogeneous (GTK_BOX (controls), TRUE);
        }
      else
        {
          faces = gtk_flow_box_new ();
          gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (faces), GTK_SELECTION_NONE);
          gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (faces), TRUE);
          gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (faces), 1);
          gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (faces), 5);
          gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (faces), 12);
          gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (faces), 12);
          gtk_widget_set_hexpand (faces, TRUE);
          gtk_box_append (GTK_BOX (controls), faces);
        }
      for (guint v = 1; v <= n_points (self); v++)
        {
          /* Translators: a rating, then the proposal it is for */
          g_autofree char *accessible = g_strdup_printf (_("%s: %s"),
                                                         rating_label (self, (gint) v),
                                                         card->short_text);
          g_autofree char *face_name = g_strdup_printf ("face%u", v);

          card->faces[v - 1] = card_button (self, GTK_TYPE_TOGGLE_BUTTON, index, face_name,
                                            rating_label (self, (gint) v), accessible,
                                            /* a toggle for its look and state, and a
                                             * second tap takes the rating back */
                                            "clicked", G_CALLBACK (face_clicked_cb));
          g_object_set_data (G_OBJECT (card->faces[v - 1]), "value", GINT_TO_POINTER (v));
          gtk_widget_add_css_class (card->faces[v - 1], "kiosk-face");
          if (GTK_IS_FLOW_BOX (faces))
            {
              /* a narrow natural width, or the flow box wraps too soon */
              gtk_label_set_max_width_chars (GTK_LABEL (gtk_button_get_child (
                GTK_BUTTON (card->faces[v - 1]))), 8);
              gtk_flow_box_append (GTK_FLOW_BOX (faces), card->faces[v - 1]);
              /* one stop for the keyboard: the button, not its flow box child */
              gtk_widget_set_focusable (gtk_widget_get_parent (card->faces[v - 1]), FALSE);
            }
          else
            {
              gtk_box_append (GTK_BOX (faces), card->faces[v - 1]);
            }
        }
      break;

    case ABIERTO_METHOD_RANKING:
      {
        g_autofree char *up = g_strdup_printf (_("Move up: %s"), card->short_text);
        g_autofree char *down = g_strdup_printf (_("Move down: %s"), card->short_text);
        g_autofree char *remove = g_strdup_printf (_("Take out of my order: %s"),
                                                   card->short_text);

        card->rank = card_button (self, GTK_TYPE_BUTTON, index, "rank", "", NULL,
                                  "clicked", G_CALLBACK (rank_cb));
        gtk_widget_add_css_class (card->rank, "kiosk-primary");
        gtk_widget_set_hexpand (card->rank, TRUE);
        card->up = card_button (self, GTK_TYPE_BUTTON, index, "up", _("↑ Move up"), up,
                                "clicked", G_CALLBACK (move_cb));
        g_object_set_data (G_OBJECT (card->up), "delta", GINT_TO_POINTER (-1));
        card->down = card_button (self, GTK_TYPE_BUTTON, index, "down", _("↓ Move down"), down,
                                  "clicked", G_CALLBACK (move_cb));
        g_object_set_data (G_OBJECT (card->down), "delta", GINT_TO_POINTER (1));
        card->remove = card_button (self, GTK_TYPE_BUTTON, index, "unrank", _("Take out"),
                                    remove, "clicked", G_CALLBACK (unrank_cb));
        gtk_box_append (GTK_BOX (controls), card->rank);
        gtk_box_append (GTK_BOX (controls), card->up);
        gtk_box_append (GTK_BOX (controls), card->down);
        gtk_box_append (GTK_BOX (controls), card->remove);
      }
      break;

    case ABIERTO_METHOD_TALLY:
    default:
      g_assert_not_reached ();
    }

  name = g_strdup_printf ("card-%" G_GINT64_FORMAT, card->proposal_id);
  gtk_widget_set_name (box, name);
  gtk_box_append (self->cards_box, box);
}

/* Reads the proposals afresh and builds a card for each. */
static void
build_cards (AbiertoKioskWindow *self)
{
  g_autoptr(GListModel) proposals = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_box_remove (self->cards_box, child);
  g_array_set_size (self->cards, 0);
  g_array_set_size (self->order, 0);

  proposals = abierto_store_list_proposals (self->store,
                                            abierto_round_get_session_id (self->round), NULL);
  n = proposals != NULL ? g_list_model_get_n_items (proposals) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoProposal) proposal = g_list_model_get_item (proposals, i);
      const char *title = abierto_proposal_get_title (proposal);
      const char *body = abierto_proposal_get_text (proposal);
      Card card = { 0, };

      card.proposal_id = abierto_proposal_get_id (proposal);
      if (title != NULL && *title != '\0')
        card.text = g_strdup_printf ("%s. %s", title, body);
      else
        card.text = g_strdup (body);
      card.short_text = g_strdup (title != NULL && *title != '\0' ? title : body);
      if (g_utf8_strlen (card.short_text, -1) > 60)
        {
          char *cut = g_utf8_substring (card.short_text, 0, 59);

          g_free (card.short_text);
          card.short_text = g_strconcat (cut, "…", NULL);
          g_free (cut);
        }
      g_array_append_val (self->cards, card);
    }

  for (guint i = 0; i < self->cards->len; i++)
    build_card (self, i);
}

/* Shows the state of the ballot on its cards and its header. */
static void
update_ballot (AbiertoKioskWindow *self)
{
  AbiertoMethod m = method (self);
  guint dots = abierto_round_get_dots (self->round);
  guint left = dots - MIN (dots_given (self), dots);
  GtkWidget *previous = NULL;

  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = &g_array_index (self->cards, Card, i);
      gboolean chosen = card->value > 0;

      switch (m)
        {
        case ABIERTO_METHOD_DOT:
          {
            g_autofree char *symbols = NULL;
            g_autofree char *text = NULL;

            symbols = card->value > 0 ? abierto_format_dot_symbols ((guint) card->value, 0)
                                      : g_strdup ("");
            /* Translators: the dots a person gave a proposal, as symbols and a number */
            text = g_strdup_printf (ngettext ("%s %d dot", "%s %d dots", card->value),
                                    symbols, card->value);
            gtk_label_set_label (card->count, g_strstrip (text));
            gtk_widget_set_sensitive (card->give, left > 0);
            gtk_widget_set_sensitive (card->take, card->value > 0);
          }
          break;

        case ABIERTO_METHOD_APPROVAL:
          g_signal_handlers_block_by_func (card->toggle, approve_toggled_cb, self);
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (card->toggle), chosen);
          g_signal_handlers_unblock_by_func (card->toggle, approve_toggled_cb, self);
          /* not by colour alone */
          set_button_text (card->toggle, chosen ? _("✓ I support it") : _("I support it"));
          break;

        case ABIERTO_METHOD_SCALE:
          for (guint v = 1; v <= n_points (self); v++)
            gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (card->faces[v - 1]),
                                          card->value == (gint) v);
          break;

        case ABIERTO_METHOD_RANKING:
          {
            gint place = place_of (self, i);
            g_autofree char *number = place >= 0 ? g_strdup_printf ("%d", place + 1)
                                                 : g_strdup ("");
            /* Translators: a button that puts a proposal in the next place of a ranking */
            g_autofree char *rank = g_strdup_printf (_("Choose as number %u"),
                                                     self->order->len + 1);
            g_autofree char *accessible = g_strdup_printf (_("Choose as number %u: %s"),
                                                           self->order->len + 1,
                                                           card->short_text);

            chosen = place >= 0;
            gtk_label_set_label (card->place, number);
            gtk_widget_set_visible (GTK_WIDGET (card->place), chosen);
            gtk_widget_set_visible (card->rank, !chosen);
            set_button_text (card->rank, rank);
            set_accessible_label (card->rank, accessible);
            gtk_widget_set_visible (card->up, chosen);
            gtk_widget_set_visible (card->down, chosen);
            gtk_widget_set_visible (card->remove, chosen);
            gtk_widget_set_sensitive (card->up, place > 0);
            gtk_widget_set_sensitive (card->down, chosen && place + 1 < (gint) self->order->len);
          }
          break;

        case ABIERTO_METHOD_TALLY:
        default:
          g_assert_not_reached ();
        }

      if (chosen)
        gtk_widget_add_css_class (card->card, "kiosk-chosen");
      else
        gtk_widget_remove_css_class (card->card, "kiosk-chosen");
    }

  /* A ranking shows its order: the placed cards first, best first. */
  if (m == ABIERTO_METHOD_RANKING)
    {
      for (guint i = 0; i < self->order->len; i++)
        {
          Card *card = &g_array_index (self->cards, Card, g_array_index (self->order, guint, i));

          gtk_box_reorder_child_after (self->cards_box, card->card, previous);
          previous = card->card;
        }
      for (guint i = 0; i < self->cards->len; i++)
        if (place_of (self, i) < 0)
          {
            Card *card = &g_array_index (self->cards, Card, i);

            gtk_box_reorder_child_after (self->cards_box, card->card, previous);
            previous = card->card;
          }
    }

  gtk_widget_set_visible (self->dots_box, m == ABIERTO_METHOD_DOT);
  if (m == ABIERTO_METHOD_DOT)
    {
      g_autofree char *symbols = abierto_format_dot_symbols (dots, left);
      /* Translators: dots a person still has to give; shown beside ●●○ */
      g_autofree char *text = g_strdup_printf (ngettext ("You have %u dot left",
                                                         "You have %u dots left", left), left);

      gtk_label_set_label (self->dots_left_label, text);
      gtk_label_set_label (self->dots_symbols_label, symbols);
    }

  gtk_widget_set_sensitive (self->review_button, n_chosen (self) > 0);
}

static void
show_ballot (AbiertoKioskWindow *self)
{
  g_autofree char *title = NULL;
  const char *hint = NULL;
  guint dots = abierto_round_get_dots (self->round);
  g_autofree char *dot_hint = NULL;

  if (self->voter != NULL)
    /* Translators: the alias of the person voting */
    title = g_strdup_printf (_("Your vote, %s"), self->voter);
  else
    title = g_strdup (_("Your vote"));
  gtk_label_set_label (self->ballot_title, title);

  switch (method (self))
    {
    case ABIERTO_METHOD_DOT:
      dot_hint = g_strdup_printf (ngettext ("You have %u dot. Give it to the proposal you like "
                                            "best.",
                                            "You have %u dots. Give them to the proposals you "
                                            "like best; one proposal can get several.", dots),
                                  dots);
      hint = dot_hint;
      break;
    case ABIERTO_METHOD_APPROVAL:
      hint = _("Choose every proposal you support. Tap again to undo.");
      break;
    case ABIERTO_METHOD_SCALE:
      hint = n_points (self) == 3 ? _("For each proposal, tap the face that says what you think.")
                                  : _("For each proposal, tap how much you agree, from 1, not at "
                                      "all, to 5, completely.");
      break;
    case ABIERTO_METHOD_RANKING:
      hint = _("Tap the proposals in your order: the one you like best first. Move them up or "
               "down to change the order.");
      break;
    case ABIERTO_METHOD_TALLY:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_label (self->ballot_hint, hint);

  update_ballot (self);
  abierto_kiosk_window_show_page (self, "ballot");
}

/* Who is voting */

static void
participant_cb (GtkButton          *button,
                AbiertoKioskWindow *self)
{
  AbiertoParticipant *participant = g_object_get_data (G_OBJECT (button), "participant");

  restart_idle (self);
  self->participant_id = abierto_participant_get_id (participant);
  g_free (self->voter);
  self->voter = g_strdup (abierto_participant_get_alias (participant));
  show_ballot (self);
}

static void
anonymous_cb (AbiertoKioskWindow *self)
{
  restart_idle (self);
  self->participant_id = 0;
  g_clear_pointer (&self->voter, g_free);
  show_ballot (self);
}

/* Fills the page with the people of the session who have not voted
 * yet in this round; FALSE when the session has nobody at all. */
static gboolean
build_who (AbiertoKioskWindow *self)
{
  g_autoptr(GListModel) participants = NULL;
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->who_box))) != NULL)
    gtk_flow_box_remove (self->who_box, child);

  participants = abierto_store_list_participants (self->store,
                                                  abierto_round_get_session_id (self->round),
                                                  NULL);
  n = participants != NULL ? g_list_model_get_n_items (participants) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AbiertoParticipant) participant = g_list_model_get_item (participants, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      GtkWidget *button;

      if (abierto_store_has_voted (self->store, abierto_round_get_id (self->round),
                                   abierto_participant_get_id (participant), &error)
          || error != NULL)
        continue;

      name = g_strdup_printf ("participant-%" G_GINT64_FORMAT,
                              abierto_participant_get_id (participant));
      button = big_button (GTK_TYPE_BUTTON, name, abierto_participant_get_alias (participant));
      gtk_widget_add_css_class (button, "kiosk-person");
      g_object_set_data_full (G_OBJECT (button), "participant", g_object_ref (participant),
                              g_object_unref);
      g_signal_connect_object (button, "clicked", G_CALLBACK (participant_cb), self, 0);
      gtk_flow_box_append (self->who_box, button);
      /* one stop for the keyboard: the button, not its flow box child */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }

  return n > 0;
}

static void
start_cb (AbiertoKioskWindow *self)
{
  reset_ballot (self);
  build_cards (self);

  if (build_who (self))
    abierto_kiosk_window_show_page (self, "who");
  else
    show_ballot (self);
}

static void
back_to_welcome_cb (AbiertoKioskWindow *self)
{
  abierto_kiosk_window_show_page (self, "welcome");
}

/* Review and confirm */

static void
add_review_row (AbiertoKioskWindow *self,
                const char         *value,
                const char         *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *text_label = wrapped_label (text, "kiosk-proposal");

  gtk_widget_add_css_class (row, "kiosk-card");
  gtk_widget_add_css_class (value_label, "kiosk-status");
  gtk_widget_set_valign (value_label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (text_label, TRUE);
  gtk_box_append (GTK_BOX (row), value_label);
  gtk_box_append (GTK_BOX (row), text_label);
  gtk_box_append (self->review_box, row);
}

static void
review_cb (AbiertoKioskWindow *self)
{
  GtkWidget *child;

  restart_idle (self);
  if (n_chosen (self) == 0)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->review_box))) != NULL)
    gtk_box_remove (self->review_box, child);

  if (self->voter != NULL)
    {
      /* Translators: the alias of the person voting */
      g_autofree char *title = g_strdup_printf (_("Is this your vote, %s?"), self->voter);

      gtk_label_set_label (self->review_title, title);
    }
  else
    {
      gtk_label_set_label (self->review_title, _("Is this your vote?"));
    }

  if (method (self) == ABIERTO_METHOD_RANKING)
    for (guint i = 0; i < self->order->len; i++)
      {
        Card *card = &g_array_index (self->cards, Card, g_array_index (self->order, guint, i));
        g_autofree char *place = g_strdup_printf ("%u.", i + 1);

        add_review_row (self, place, card->text);
      }
  else
    for (guint i = 0; i < self->cards->len; i++)
      {
        Card *card = &g_array_index (self->cards, Card, i);
        g_autofree char *value = NULL;

        if (card->value <= 0)
          continue;

        switch (method (self))
          {
          case ABIERTO_METHOD_DOT:
            value = g_strdup_printf (ngettext ("%d dot", "%d dots", card->value), card->value);
            break;
          case ABIERTO_METHOD_APPROVAL:
            value = g_strdup ("✓");
            break;
          case ABIERTO_METHOD_SCALE:
            value = g_strdup (rating_label (self, card->value));
            break;
          case ABIERTO_METHOD_RANKING:
          case ABIERTO_METHOD_TALLY:
          default:
            g_assert_not_reached ();
          }
        add_review_row (self, value, card->text);
      }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  abierto_kiosk_window_show_page (self, "review");
}

static void
change_cb (AbiertoKioskWindow *self)
{
  restart_idle (self);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  abierto_kiosk_window_show_page (self, "ballot");
}

static void
confirm_cb (AbiertoKioskWindow *self)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (AbiertoBallotEntry));
  g_autoptr(GError) error = NULL;

  restart_idle (self);

  if (method (self) == ABIERTO_METHOD_RANKING)
    for (guint i = 0; i < self->order->len; i++)
      {
        Card *card = &g_array_index (self->cards, Card, g_array_index (self->order, guint, i));
        AbiertoBallotEntry entry = { 0, card->proposal_id, (gint) i + 1 };

        g_array_append_val (entries, entry);
      }
  else
    for (guint i = 0; i < self->cards->len; i++)
      {
        Card *card = &g_array_index (self->cards, Card, i);
        AbiertoBallotEntry entry = { 0, card->proposal_id, card->value };

        if (card->value > 0)
          g_array_append_val (entries, entry);
      }

  /* Thanks only once the whole ballot is in the file. */
  if (!abierto_store_cast_ballot (self->store, abierto_round_get_id (self->round),
                                  self->participant_id,
                                  (const AbiertoBallotEntry *) (gpointer) entries->data,
                                  entries->len, &error))
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  abierto_kiosk_window_show_page (self, "thanks");
}

/* The PIN */

static void
show_typed (AbiertoKioskWindow *self)
{
  GString *shown = g_string_new (NULL);

  for (guint i = 0; i < PIN_LENGTH; i++)
    g_string_append (shown, i < self->typed->len ? "●" : "○");

  gtk_label_set_label (self->set_pin_display, shown->str);
  gtk_label_set_label (self->unlock_display, shown->str);
  g_string_free (shown, TRUE);
}

static void
set_pin_step (AbiertoKioskWindow *self,
              const char         *hint)
{
  gtk_label_set_label (self->set_pin_title,
                       self->first_pin == NULL ? _("Choose a PIN of 4 digits")
                                               : _("Type the same PIN again"));
  gtk_label_set_label (self->set_pin_hint, hint);
  g_string_truncate (self->typed, 0);
  show_typed (self);
}

/* Guessing the PIN: after a few wrong ones the pad rests, longer each
 * time, and says for how long, so a participant cannot try all 10,000. */
static gboolean
pin_locked (AbiertoKioskWindow *self)
{
  return self->locked_until > g_get_monotonic_time ();
}

static gboolean
lock_tick_cb (gpointer user_data)
{
  AbiertoKioskWindow *self = user_data;
  gint64 left = self->locked_until - g_get_monotonic_time ();

  if (left <= 0)
    {
      self->lock_id = 0;
      self->locked_until = 0;
      gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_pad), TRUE);
      gtk_label_set_label (self->unlock_hint, _("You can type the PIN again."));
      return G_SOURCE_REMOVE;
    }
  else
    {
      guint seconds = (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      g_autofree char *hint = NULL;

      hint = g_strdup_printf (ngettext ("Too many wrong PINs. Wait %u second before trying again.",
                                        "Too many wrong PINs. Wait %u seconds before trying again.",
                                        seconds), seconds);
      /* once a second is enough for a screen reader too */
      if (g_strcmp0 (gtk_label_get_label (self->unlock_hint), hint) != 0)
        gtk_label_set_label (self->unlock_hint, hint);
      return G_SOURCE_CONTINUE;
    }
}

static void
lock_pin_pad (AbiertoKioskWindow *self)
{
  guint extra = MIN (self->wrong_pins - PIN_TRIES, 16);
  guint64 wait = MIN ((guint64) self->pin_wait_seconds << extra, PIN_WAIT_MAX_SECONDS);

  self->locked_until = g_get_monotonic_time () + (gint64) wait * G_USEC_PER_SEC;
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_pad), FALSE);
  g_clear_handle_id (&self->lock_id, g_source_remove);
  self->lock_id = g_timeout_add_seconds (1, lock_tick_cb, self);
  lock_tick_cb (self);
}

static void
pin_done (AbiertoKioskWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "set-pin") == 0)
    {
      if (self->first_pin == NULL)
        {
          self->first_pin = g_strdup (self->typed->str);
          set_pin_step (self, _("So that you do not get locked out by a slip of the finger."));
          return;
        }
      if (strcmp (self->first_pin, self->typed->str) != 0)
        {
          g_clear_pointer (&self->first_pin, g_free);
          set_pin_step (self, _("The two PINs were not the same. Choose one again."));
          return;
        }
      self->pin = g_steal_pointer (&self->first_pin);
      g_string_truncate (self->typed, 0);
      abierto_kiosk_window_show_page (self, "welcome");
      return;
    }

  if (g_strcmp0 (page, "unlock") == 0)
    {
      if (pin_locked (self))
        return;
      if (self->pin != NULL && strcmp (self->pin, self->typed->str) == 0)
        {
          self->wrong_pins = 0;
          self->leaving = TRUE;
          g_signal_emit (self, signals[LEFT], 0);
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      g_string_truncate (self->typed, 0);
      show_typed (self);
      self->wrong_pins++;
      if (self->wrong_pins >= PIN_TRIES)
        lock_pin_pad (self);
      else
        gtk_label_set_label (self->unlock_hint, _("That is not the PIN. Try again."));
    }
}

static void
pin_digit (AbiertoKioskWindow *self,
           char                digit)
{
  restart_idle (self);
  if (pin_locked (self) && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "unlock") == 0)
    return;
  if (self->typed->len < PIN_LENGTH)
    g_string_append_c (self->typed, digit);
  show_typed (self);
}

static void
pin_erase (AbiertoKioskWindow *self)
{
  restart_idle (self);
  if (self->typed->len > 0)
    g_string_truncate (self->typed, self->typed->len - 1);
  show_typed (self);
}

static void
pin_ok (AbiertoKioskWindow *self)
{
  restart_idle (self);
  if (self->typed->len == PIN_LENGTH)
    pin_done (self);
}

static void
pin_button_cb (GtkButton          *button,
               AbiertoKioskWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "key");

  if (g_strcmp0 (key, "erase") == 0)
    pin_erase (self);
  else if (g_strcmp0 (key, "ok") == 0)
    pin_ok (self);
  else
    pin_digit (self, key[0]);
}

static void
build_pin_pad (AbiertoKioskWindow *self,
               GtkGrid            *grid,
               const char         *prefix)
{
  static const char * const keys[12] = {
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s", prefix, keys[i]);
      const char *text = keys[i];
      GtkWidget *button;

      if (strcmp (keys[i], "erase") == 0)
        text = "⌫";
      else if (strcmp (keys[i], "ok") == 0)
        text = _("OK");

      button = big_button (GTK_TYPE_BUTTON, name, text);
      gtk_widget_set_size_request (button, 96, 80);
      if (strcmp (keys[i], "erase") == 0)
        set_accessible_label (button, _("Erase a digit"));
      if (strcmp (keys[i], "ok") == 0)
        gtk_widget_add_css_class (button, "kiosk-primary");
      g_object_set_data (G_OBJECT (button), "key", (gpointer) keys[i]);
      g_signal_connect_object (button, "clicked", G_CALLBACK (pin_button_cb), self, 0);
      gtk_grid_attach (grid, button, i % 3, i / 3, 1, 1);
    }
}

static void
set_pin_cancel_cb (AbiertoKioskWindow *self)
{
  /* no PIN yet: the facilitator has not handed the kiosk over */
  self->leaving = TRUE;
  g_signal_emit (self, signals[LEFT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
unlock_cancel_cb (AbiertoKioskWindow *self)
{
  const char *back = self->page_before_unlock != NULL ? self->page_before_unlock : "welcome";
  g_autofree char *page = g_strdup (back);

  g_string_truncate (self->typed, 0);
  abierto_kiosk_window_show_page (self, page);
}

/* Input */

static gboolean
hold_timeout_cb (gpointer user_data)
{
  AbiertoKioskWindow *self = user_data;

  self->hold_id = 0;
  abierto_kiosk_window_ask_pin (self);

  return G_SOURCE_REMOVE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AbiertoKioskWindow    *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK);
  guint lower = gdk_keyval_to_lower (keyval);

  restart_idle (self);

  /* Held for two seconds: no child does that by chance. */
  if (lower == GDK_KEY_q && (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK))
                            == (GDK_CONTROL_MASK | GDK_ALT_MASK))
    {
      if (self->hold_id == 0)
        self->hold_id = g_timeout_add (HOLD_TO_LEAVE_MS, hold_timeout_cb, self);
      return TRUE;
    }

  if ((g_strcmp0 (page, "set-pin") == 0 || g_strcmp0 (page, "unlock") == 0) && mods == 0)
    {
      guint32 c = gdk_keyval_to_unicode (keyval);

      if (c >= '0' && c <= '9')
        {
          pin_digit (self, (char) c);
          return TRUE;
        }
      if (keyval == GDK_KEY_BackSpace)
        {
          pin_erase (self);
          return TRUE;
        }
      if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && self->typed->len == PIN_LENGTH)
        {
          pin_ok (self);
          return TRUE;
        }
    }

  return FALSE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 AbiertoKioskWindow    *self)
{
  /* Letting go of any of the three keys stops the count. */
  g_clear_handle_id (&self->hold_id, g_source_remove);
}

static gboolean
any_event_cb (GtkEventControllerLegacy *controller,
              GdkEvent                 *event,
              AbiertoKioskWindow       *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_SCROLL:
    case GDK_MOTION_NOTIFY:
      restart_idle (self);
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
corner_pressed_cb (GtkGestureClick    *gesture,
                   int                 n_press,
                   double              x,
                   double              y,
                   AbiertoKioskWindow *self)
{
  /* a long press (longer than GtkGestureLongPress goes): held there
   * for three seconds */
  if (self->hold_id == 0)
    self->hold_id = g_timeout_add (CORNER_PRESS_MS, hold_timeout_cb, self);
}

static void
corner_released_cb (AbiertoKioskWindow *self)
{
  g_clear_handle_id (&self->hold_id, g_source_remove);
}

static gboolean
close_request_cb (AbiertoKioskWindow *self)
{
  /* Alt+F4 and the like are no way out: only the PIN is. */
  return !self->leaving;
}

static void
style_changed_cb (AbiertoKioskWindow *self)
{
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    gtk_widget_add_css_class (GTK_WIDGET (self), "kiosk-dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "kiosk-dark");
}

/* Pages */

static GtkWidget *
first_focusable (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget)
      && gtk_widget_is_sensitive (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if ((found = first_focusable (child)) != NULL)
        return found;
    }

  return NULL;
}

static void
abierto_kiosk_window_show_page (AbiertoKioskWindow *self,
                                const char         *page)
{
  GtkWidget *focus = NULL;

  g_clear_handle_id (&self->thanks_id, g_source_remove);

  if (strcmp (page, "welcome") == 0)
    {
      reset_ballot (self);
      g_string_truncate (self->typed, 0);
      focus = self->start_button;
    }
  else if (strcmp (page, "who") == 0)
    {
      focus = first_focusable (GTK_WIDGET (self->who_box));
      if (focus == NULL)
        focus = self->anonymous_button;
    }
  else if (strcmp (page, "ballot") == 0)
    {
      focus = first_focusable (GTK_WIDGET (self->cards_box));
    }
  else if (strcmp (page, "review") == 0)
    {
      focus = self->confirm_button;
    }
  else if (strcmp (page, "thanks") == 0)
    {
      reset_ballot (self);
      self->thanks_id = g_timeout_add_seconds (self->thanks_seconds, thanks_timeout_cb, self);
    }
  else if (strcmp (page, "unlock") == 0 || strcmp (page, "set-pin") == 0)
    {
      g_string_truncate (self->typed, 0);
      show_typed (self);
    }

  gtk_stack_set_visible_child_name (self->stack, page);
  restart_idle (self);

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* GObject */

static void
abierto_kiosk_window_dispose (GObject *object)
{
  AbiertoKioskWindow *self = ABIERTO_KIOSK_WINDOW (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->thanks_id, g_source_remove);
  g_clear_handle_id (&self->hold_id, g_source_remove);
  g_clear_handle_id (&self->lock_id, g_source_remove);
  speech_close (self);

  gtk_widget_dispose_template (GTK_WIDGET (object), ABIERTO_TYPE_KIOSK_WINDOW);

  g_clear_object (&self->round);
  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (abierto_kiosk_window_parent_class)->dispose (object);
}

static void
abierto_kiosk_window_finalize (GObject *object)
{
  AbiertoKioskWindow *self = ABIERTO_KIOSK_WINDOW (object);

  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->order, g_array_unref);
  if (self->typed != NULL)
    g_string_free (self->typed, TRUE);
  /* PINs are not left lying in freed memory */
  if (self->pin != NULL)
    memset (self->pin, 0, strlen (self->pin));
  g_clear_pointer (&self->pin, g_free);
  g_clear_pointer (&self->first_pin, g_free);
  g_clear_pointer (&self->voter, g_free);
  g_clear_pointer (&self->page_before_unlock, g_free);

  G_OBJECT_CLASS (abierto_kiosk_window_parent_class)->finalize (object);
}

static void
ensure_css (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "abierto-kiosk-css"))
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/org/gobierto/Abierto/ui/abierto-kiosk-window.css");
  /* above the user's theme: the contrast is what the kiosk promises */
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER + 1);
  g_object_set_data (G_OBJECT (display), "abierto-kiosk-css", GINT_TO_POINTER (TRUE));
}

static void
abierto_kiosk_window_class_init (AbiertoKioskWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = abierto_kiosk_window_dispose;
  object_class->finalize = abierto_kiosk_window_finalize;

  /**
   * AbiertoKioskWindow::left:
   *
   * The facilitator left the kiosk, with the PIN (or before choosing
   * one); the window is destroyed right after.
   */
  signals[LEFT] = g_signal_new ("left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/gobierto/Abierto/ui/"
                                               "abierto-kiosk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, corner);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, set_pin_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, set_pin_hint);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, set_pin_display);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, set_pin_pad);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, welcome_question);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, welcome_round);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, who_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, anonymous_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, ballot_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, ballot_hint);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, dots_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, dots_left_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, dots_symbols_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, cards_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, review_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, review_title);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, review_box);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, unlock_hint);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, unlock_display);
  gtk_widget_class_bind_template_child (widget_class, AbiertoKioskWindow, unlock_pad);
  gtk_widget_class_bind_template_callback (widget_class, set_pin_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_to_welcome_cb);
  gtk_widget_class_bind_template_callback (widget_class, anonymous_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cancel_cb);
}

static void
abierto_kiosk_window_init (AbiertoKioskWindow *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cards = g_array_new (FALSE, TRUE, sizeof (Card));
  g_array_set_clear_func (self->cards, card_clear);
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->typed = g_string_new (NULL);
  self->idle_seconds = env_seconds ("ABIERTO_KIOSK_IDLE_SECONDS", IDLE_SECONDS_DEFAULT);
  self->thanks_seconds = env_seconds ("ABIERTO_KIOSK_THANKS_SECONDS", THANKS_SECONDS);
  self->pin_wait_seconds = env_seconds ("ABIERTO_KIOSK_PIN_WAIT_SECONDS", PIN_WAIT_SECONDS);

  ensure_css (gtk_widget_get_display (GTK_WIDGET (self)));
  gtk_widget_add_css_class (GTK_WIDGET (self), "abierto-kiosk");
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  style_changed_cb (self);

  build_pin_pad (self, self->set_pin_pad, "set-pin");
  build_pin_pad (self, self->unlock_pad, "unlock");

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  g_signal_connect_object (controller, "key-released", G_CALLBACK (key_released_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (any_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (corner_pressed_cb), self, 0);
  /* Not "stopped": a click gesture emits it once the double-click time
   * is over, with the finger still down, and the hold would never last. */
  g_signal_connect_object (gesture, "released", G_CALLBACK (corner_released_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "cancel", G_CALLBACK (corner_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->corner, GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect_swapped (self, "close-request", G_CALLBACK (close_request_cb), self);
}

AbiertoKioskWindow *
abierto_kiosk_window_new (AbiertoStore  *store,
                          gint64         round_id,
                          GError       **error)
{
  g_autoptr(AbiertoRound) round = NULL;
  g_autoptr(AbiertoSession) session = NULL;
  g_autofree char *round_label = NULL;
  AbiertoKioskWindow *self;
  const char *question;

  g_return_val_if_fail (ABIERTO_IS_STORE (store), NULL);

  round = abierto_store_get_round (store, round_id, error);
  if (round == NULL)
    return NULL;
  if (abierto_round_get_method (round) == ABIERTO_METHOD_TALLY)
    {
      g_set_error (error, ABIERTO_STORE_ERROR, ABIERTO_STORE_ERROR_INVALID,
                   _("This round is a hand count, so people cannot vote in it on their own."));
      return NULL;
    }
  session = abierto_store_get_session (store, abierto_round_get_session_id (round), error);
  if (session == NULL)
    return NULL;

  self = g_object_new (ABIERTO_TYPE_KIOSK_WINDOW, NULL);
  self->store = g_object_ref (store);
  self->round = g_steal_pointer (&round);
  self->session = g_steal_pointer (&session);

  question = abierto_session_get_question (self->session);
  gtk_label_set_label (self->welcome_question,
                       question != NULL && *question != '\0'
                       ? question : abierto_session_get_title (self->session));
  if (*abierto_round_get_title (self->round) != '\0')
    round_label = abierto_round_dup_label (self->round, 0);
  else
    round_label = g_strdup (abierto_method_get_label (abierto_round_get_method (self->round)));
  gtk_label_set_label (self->welcome_round, round_label);

  speech_open (self);

  set_pin_step (self, _("You need it to leave the kiosk. Hold Ctrl+Alt+Q for two seconds, or "
                        "press the top right corner for three, to be asked for it."));
  abierto_kiosk_window_show_page (self, "set-pin");

  return self;
}

AbiertoStore *
abierto_kiosk_window_get_store (AbiertoKioskWindow *self)
{
  g_return_val_if_fail (ABIERTO_IS_KIOSK_WINDOW (self), NULL);

  return self->store;
}

gint64
abierto_kiosk_window_get_round_id (AbiertoKioskWindow *self)
{
  g_return_val_if_fail (ABIERTO_IS_KIOSK_WINDOW (self), 0);

  return abierto_round_get_id (self->round);
}

const char *
abierto_kiosk_window_get_page (AbiertoKioskWindow *self)
{
  g_return_val_if_fail (ABIERTO_IS_KIOSK_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
abierto_kiosk_window_ask_pin (AbiertoKioskWindow *self)
{
  const char *page;

  g_return_if_fail (ABIERTO_IS_KIOSK_WINDOW (self));

  page = gtk_stack_get_visible_child_name (self->stack);
  /* before a PIN is chosen, or already asking */
  if (self->pin == NULL || g_strcmp0 (page, "unlock") == 0)
    return;

  g_free (self->page_before_unlock);
  self->page_before_unlock = g_strdup (g_strcmp0 (page, "thanks") == 0 ? "welcome" : page);
  if (!pin_locked (self))
    gtk_label_set_label (self->unlock_hint, _("Participants: tap “Go back to voting”."));
  abierto_kiosk_window_show_page (self, "unlock");
}

gboolean
abierto_kiosk_window_get_can_speak (AbiertoKioskWindow *self)
{
  g_return_val_if_fail (ABIERTO_IS_KIOSK_WINDOW (self), FALSE);

  return can_speak (self);
}
