/* abierto-round.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include "abierto-round.h"

#define DOTS_MIN       1
#define DOTS_MAX       100
#define DOTS_DEFAULT   3
#define POINTS_MIN     3
#define POINTS_MAX     5
#define POINTS_DEFAULT 5

struct _AbiertoRound
{
  GObject        parent_instance;

  gint64         id;
  gint64         session_id;
  AbiertoMethod  method;
  guint          dots;
  guint          points;

  /* All owned. title is never NULL; uuid is NULL until stored. */
  char          *uuid;
  char          *title;
};

G_DEFINE_FINAL_TYPE (AbiertoRound, abierto_round, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_SESSION_ID,
  PROP_TITLE,
  PROP_METHOD,
  PROP_DOTS,
  PROP_POINTS,
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
abierto_round_finalize (GObject *object)
{
  AbiertoRound *self = (AbiertoRound *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (abierto_round_parent_class)->finalize (object);
}

static void
abierto_round_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AbiertoRound *self = ABIERTO_ROUND (object);

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

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;

    case PROP_DOTS:
      g_value_set_uint (value, self->dots);
      break;

    case PROP_POINTS:
      g_value_set_uint (value, self->points);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_round_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AbiertoRound *self = ABIERTO_ROUND (object);

  switch (prop_id)
    {
    case PROP_ID:
      abierto_round_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      abierto_round_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_SESSION_ID:
      abierto_round_set_session_id (self, g_value_get_int64 (value));
      break;

    case PROP_TITLE:
      abierto_round_set_title (self, g_value_get_string (value));
      break;

    case PROP_METHOD:
      abierto_round_set_method (self, g_value_get_enum (value));
      break;

    case PROP_DOTS:
      abierto_round_set_dots (self, g_value_get_uint (value));
      break;

    case PROP_POINTS:
      abierto_round_set_points (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_round_class_init (AbiertoRoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = abierto_round_finalize;
  object_class->get_property = abierto_round_get_property;
  object_class->set_property = abierto_round_set_property;

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

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL,
                       ABIERTO_TYPE_METHOD,
                       ABIERTO_METHOD_DOT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Dots each person may place, for ABIERTO_METHOD_DOT. */
  properties[PROP_DOTS] =
    g_param_spec_uint ("dots", NULL, NULL,
                       DOTS_MIN, DOTS_MAX, DOTS_DEFAULT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* 3 for faces, 5 for a Likert scale, for ABIERTO_METHOD_SCALE. */
  properties[PROP_POINTS] =
    g_param_spec_uint ("points", NULL, NULL,
                       POINTS_MIN, POINTS_MAX, POINTS_DEFAULT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
abierto_round_init (AbiertoRound *self)
{
  self->method = ABIERTO_METHOD_DOT;
  self->dots = DOTS_DEFAULT;
  self->points = POINTS_DEFAULT;
  self->title = g_strdup ("");
}

AbiertoRound *
abierto_round_new (gint64        session_id,
                   AbiertoMethod method)
{
  return g_object_new (ABIERTO_TYPE_ROUND,
                       "session-id", session_id,
                       "method", method,
                       NULL);
}

gint64
abierto_round_get_id (AbiertoRound *self)
{
  g_return_val_if_fail (ABIERTO_IS_ROUND (self), 0);

  return self->id;
}

void
abierto_round_set_id (AbiertoRound *self,
                      gint64        id)
{
  g_return_if_fail (ABIERTO_IS_ROUND (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
abierto_round_get_uuid (AbiertoRound *self)
{
  g_return_val_if_fail (ABIERTO_IS_ROUND (self), NULL);

  return self->uuid;
}

void
abierto_round_set_uuid (AbiertoRound *self,
                        const char   *uuid)
{
  g_return_if_fail (ABIERTO_IS_ROUND (self));

  if (replace_optional (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
abierto_round_get_session_id (AbiertoRound *self)
{
  g_return_val_if_fail (ABIERTO_IS_ROUND (self), 0);

  return self->session_id;
}

void
abierto_round_set_session_id (AbiertoRound *self,
                              gint64        session_id)
{
  g_return_if_fail (ABIERTO_IS_ROUND (self));
  g_return_if_fail (session_id >= 0);

  if (self->session_id == session_id)
    return;

  self->session_id = session_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}

const char *
abierto_round_get_title (AbiertoRound *self)
{
  g_return_val_if_fail (ABIERTO_IS_ROUND (self), NULL);

  return self->title;
}

void
abierto_round_set_title (AbiertoRound *self,
                         const char   *title)
{
  g_return_if_fail (ABIERTO_IS_ROUND (self));

  if (replace_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

AbiertoMethod
abierto_round_get_method (AbiertoRound *self)
{
  g_return_val_if_fail (ABIERTO_IS_ROUND (self), ABIERTO_METHOD_DOT);

  return self->method;
}

void
abierto_round_set_method (AbiertoRound  *self,
                          AbiertoMethod  method)
{
  g_return_if_fail (ABIERTO_IS_ROUND (self));
  g_return_if_fail ((guint)method < ABIERTO_N_METHODS);

  if (self->method == method)
    return;

  self->method = method;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
}

guint
abierto_round_get_dots (AbiertoRound *self)
{
  g_return_val_if_fail (ABIERTO_IS_ROUND (self), DOTS_DEFAULT);

  return self->dots;
}

void
abierto_round_set_dots (AbiertoRound *self,
                        guint         dots)
{
  g_return_if_fail (ABIERTO_IS_ROUND (self));
  g_return_if_fail (dots >= DOTS_MIN && dots <= DOTS_MAX);

  if (self->dots == dots)
    return;

  self->dots = dots;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOTS]);
}

guint
abierto_round_get_points (AbiertoRound *self)
{
  g_return_val_if_fail (ABIERTO_IS_ROUND (self), POINTS_DEFAULT);

  return self->points;
}

void
abierto_round_set_points (AbiertoRound *self,
                          guint         points)
{
  g_return_if_fail (ABIERTO_IS_ROUND (self));
  g_return_if_fail (points >= POINTS_MIN && points <= POINTS_MAX);

  if (self->points == points)
    return;

  self->points = points;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINTS]);
}
