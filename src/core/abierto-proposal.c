/* abierto-proposal.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <string.h>

#include "abierto-proposal.h"

/* Longest label taken from the text, in characters, before the ellipsis. */
#define LABEL_MAX_CHARS 60

struct _AbiertoProposal
{
  GObject  parent_instance;

  gint64   id;
  gint64   session_id;
  gint64   author_id;

  /* All owned. text, title and category are never NULL; uuid is NULL
   * until the proposal is stored.
   */
  char    *uuid;
  char    *text;
  char    *title;
  char    *category;
};

G_DEFINE_FINAL_TYPE (AbiertoProposal, abierto_proposal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_SESSION_ID,
  PROP_TEXT,
  PROP_TITLE,
  PROP_CATEGORY,
  PROP_AUTHOR_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* For fields shown as text: NULL is stored as "". */
static gboolean
replace_text (char       **field,
              const char  *value)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

/* For optional fields: "" is stored as NULL. */
static gboolean
replace_optional (char       **field,
                  const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
abierto_proposal_finalize (GObject *object)
{
  AbiertoProposal *self = (AbiertoProposal *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->category, g_free);

  G_OBJECT_CLASS (abierto_proposal_parent_class)->finalize (object);
}

static void
abierto_proposal_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AbiertoProposal *self = ABIERTO_PROPOSAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_SESSION_ID:
      g_value_set_int64 (value, self->session_id);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;

    case PROP_AUTHOR_ID:
      g_value_set_int64 (value, self->author_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_proposal_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AbiertoProposal *self = ABIERTO_PROPOSAL (object);

  switch (prop_id)
    {
    case PROP_ID:
      abierto_proposal_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      abierto_proposal_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_SESSION_ID:
      abierto_proposal_set_session_id (self, g_value_get_int64 (value));
      break;

    case PROP_TEXT:
      abierto_proposal_set_text (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      abierto_proposal_set_title (self, g_value_get_string (value));
      break;

    case PROP_CATEGORY:
      abierto_proposal_set_category (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR_ID:
      abierto_proposal_set_author_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_proposal_class_init (AbiertoProposalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = abierto_proposal_finalize;
  object_class->get_property = abierto_proposal_get_property;
  object_class->set_property = abierto_proposal_set_property;

  /* The database row id, 0 until stored. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The participant who proposed it, 0 when none. */
  properties[PROP_AUTHOR_ID] =
    g_param_spec_int64 ("author-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
abierto_proposal_init (AbiertoProposal *self)
{
  self->text = g_strdup ("");
  self->title = g_strdup ("");
  self->category = g_strdup ("");
}

AbiertoProposal *
abierto_proposal_new (gint64      session_id,
                      const char *text)
{
  return g_object_new (ABIERTO_TYPE_PROPOSAL,
                       "session-id", session_id,
                       "text", text,
                       NULL);
}

gint64
abierto_proposal_get_id (AbiertoProposal *self)
{
  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (self), 0);

  return self->id;
}

void
abierto_proposal_set_id (AbiertoProposal *self,
                         gint64           id)
{
  g_return_if_fail (ABIERTO_IS_PROPOSAL (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
abierto_proposal_get_uuid (AbiertoProposal *self)
{
  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (self), NULL);

  return self->uuid;
}

void
abierto_proposal_set_uuid (AbiertoProposal *self,
                           const char      *uuid)
{
  g_return_if_fail (ABIERTO_IS_PROPOSAL (self));

  if (replace_optional (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
abierto_proposal_get_session_id (AbiertoProposal *self)
{
  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (self), 0);

  return self->session_id;
}

void
abierto_proposal_set_session_id (AbiertoProposal *self,
                                 gint64           session_id)
{
  g_return_if_fail (ABIERTO_IS_PROPOSAL (self));
  g_return_if_fail (session_id >= 0);

  if (self->session_id == session_id)
    return;

  self->session_id = session_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}

const char *
abierto_proposal_get_text (AbiertoProposal *self)
{
  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (self), NULL);

  return self->text;
}

void
abierto_proposal_set_text (AbiertoProposal *self,
                           const char      *text)
{
  g_return_if_fail (ABIERTO_IS_PROPOSAL (self));

  if (replace_text (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
abierto_proposal_get_title (AbiertoProposal *self)
{
  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (self), NULL);

  return self->title;
}

void
abierto_proposal_set_title (AbiertoProposal *self,
                            const char      *title)
{
  g_return_if_fail (ABIERTO_IS_PROPOSAL (self));

  if (replace_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
abierto_proposal_get_category (AbiertoProposal *self)
{
  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (self), NULL);

  return self->category;
}

void
abierto_proposal_set_category (AbiertoProposal *self,
                               const char      *category)
{
  g_return_if_fail (ABIERTO_IS_PROPOSAL (self));

  if (replace_text (&self->category, category))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

gint64
abierto_proposal_get_author_id (AbiertoProposal *self)
{
  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (self), 0);

  return self->author_id;
}

void
abierto_proposal_set_author_id (AbiertoProposal *self,
                                gint64           author_id)
{
  g_return_if_fail (ABIERTO_IS_PROPOSAL (self));
  g_return_if_fail (author_id >= 0);

  if (self->author_id == author_id)
    return;

  self->author_id = author_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_ID]);
}

char *
abierto_proposal_dup_label (AbiertoProposal *self)
{
  g_autofree char *title = NULL;
  g_autofree char *line = NULL;
  char *cut;

  g_return_val_if_fail (ABIERTO_IS_PROPOSAL (self), NULL);

  title = g_strstrip (g_strdup (self->title));

  /* The title, or else the text: its first line, made valid first so that
   * walking characters never runs past the end, and cut like any label. */
  line = g_strstrip (g_utf8_make_valid (title[0] != '\0' ? title : self->text, -1));
  line[strcspn (line, "\r\n")] = '\0';
  g_strchomp (line);

  if (g_utf8_strlen (line, -1) <= LABEL_MAX_CHARS)
    return g_steal_pointer (&line);

  cut = g_utf8_offset_to_pointer (line, LABEL_MAX_CHARS);
  *cut = '\0';
  g_strchomp (line);

  return g_strconcat (line, "…", NULL);
}
