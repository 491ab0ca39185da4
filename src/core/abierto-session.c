/* abierto-session.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include "abierto-session.h"

#define DEFAULT_LANGUAGE "es-MX"
#define DEFAULT_LICENSE  "CC-BY-4.0"

struct _AbiertoSession
{
  GObject       parent_instance;

  gint64        id;
  AbiertoGroup  group;

  /* All owned. title, question, place and facilitators are never NULL;
   * uuid, date, language, license and publication_url are NULL when
   * unset.
   */
  char         *uuid;
  char         *title;
  char         *question;
  char         *date;
  char         *place;
  char         *facilitators;
  char         *language;
  char         *license;
  char         *publication_url;
};

G_DEFINE_FINAL_TYPE (AbiertoSession, abierto_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_QUESTION,
  PROP_GROUP,
  PROP_DATE,
  PROP_PLACE,
  PROP_FACILITATORS,
  PROP_LANGUAGE,
  PROP_LICENSE,
  PROP_PUBLICATION_URL,
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
abierto_session_finalize (GObject *object)
{
  AbiertoSession *self = (AbiertoSession *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->place, g_free);
  g_clear_pointer (&self->facilitators, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->license, g_free);
  g_clear_pointer (&self->publication_url, g_free);

  G_OBJECT_CLASS (abierto_session_parent_class)->finalize (object);
}

static void
abierto_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AbiertoSession *self = ABIERTO_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;

    case PROP_GROUP:
      g_value_set_enum (value, self->group);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;

    case PROP_FACILITATORS:
      g_value_set_string (value, self->facilitators);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_LICENSE:
      g_value_set_string (value, self->license);
      break;

    case PROP_PUBLICATION_URL:
      g_value_set_string (value, self->publication_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AbiertoSession *self = ABIERTO_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      abierto_session_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      abierto_session_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      abierto_session_set_title (self, g_value_get_string (value));
      break;

    case PROP_QUESTION:
      abierto_session_set_question (self, g_value_get_string (value));
      break;

    case PROP_GROUP:
      abierto_session_set_group (self, g_value_get_enum (value));
      break;

    case PROP_DATE:
      abierto_session_set_date (self, g_value_get_string (value));
      break;

    case PROP_PLACE:
      abierto_session_set_place (self, g_value_get_string (value));
      break;

    case PROP_FACILITATORS:
      abierto_session_set_facilitators (self, g_value_get_string (value));
      break;

    case PROP_LANGUAGE:
      abierto_session_set_language (self, g_value_get_string (value));
      break;

    case PROP_LICENSE:
      abierto_session_set_license (self, g_value_get_string (value));
      break;

    case PROP_PUBLICATION_URL:
      abierto_session_set_publication_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_session_class_init (AbiertoSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = abierto_session_finalize;
  object_class->get_property = abierto_session_get_property;
  object_class->set_property = abierto_session_set_property;

  /* The database row id, 0 until stored. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GROUP] =
    g_param_spec_enum ("group", NULL, NULL,
                       ABIERTO_TYPE_GROUP,
                       ABIERTO_GROUP_OLDER_ADULTS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PLACE] =
    g_param_spec_string ("place", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FACILITATORS] =
    g_param_spec_string ("facilitators", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         DEFAULT_LANGUAGE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LICENSE] =
    g_param_spec_string ("license", NULL, NULL,
                         DEFAULT_LICENSE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * AbiertoSession:publication-url:
   *
   * Where the results are published (the institution's page, a data
   * portal); exports print it as a QR code. %NULL when there is none.
   */
  properties[PROP_PUBLICATION_URL] =
    g_param_spec_string ("publication-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
abierto_session_init (AbiertoSession *self)
{
  self->group = ABIERTO_GROUP_OLDER_ADULTS;
  self->title = g_strdup ("");
  self->question = g_strdup ("");
  self->place = g_strdup ("");
  self->facilitators = g_strdup ("");
  self->language = g_strdup (DEFAULT_LANGUAGE);
  self->license = g_strdup (DEFAULT_LICENSE);
}

AbiertoSession *
abierto_session_new (const char   *title,
                     AbiertoGroup  group)
{
  return g_object_new (ABIERTO_TYPE_SESSION,
                       "title", title,
                       "group", group,
                       NULL);
}

gint64
abierto_session_get_id (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), 0);

  return self->id;
}

void
abierto_session_set_id (AbiertoSession *self,
                        gint64          id)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
abierto_session_get_uuid (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), NULL);

  return self->uuid;
}

void
abierto_session_set_uuid (AbiertoSession *self,
                          const char     *uuid)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));

  if (replace_optional (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

const char *
abierto_session_get_title (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), NULL);

  return self->title;
}

void
abierto_session_set_title (AbiertoSession *self,
                           const char     *title)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));

  if (replace_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
abierto_session_get_question (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), NULL);

  return self->question;
}

void
abierto_session_set_question (AbiertoSession *self,
                              const char     *question)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));

  if (replace_text (&self->question, question))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
}

AbiertoGroup
abierto_session_get_group (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), ABIERTO_GROUP_OLDER_ADULTS);

  return self->group;
}

void
abierto_session_set_group (AbiertoSession *self,
                           AbiertoGroup    group)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));
  g_return_if_fail ((guint)group < ABIERTO_N_GROUPS);

  if (self->group == group)
    return;

  self->group = group;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
}

const char *
abierto_session_get_date (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), NULL);

  return self->date;
}

void
abierto_session_set_date (AbiertoSession *self,
                          const char     *date)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));

  if (replace_optional (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
abierto_session_get_place (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), NULL);

  return self->place;
}

void
abierto_session_set_place (AbiertoSession *self,
                           const char     *place)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));

  if (replace_text (&self->place, place))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACE]);
}

const char *
abierto_session_get_facilitators (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), NULL);

  return self->facilitators;
}

void
abierto_session_set_facilitators (AbiertoSession *self,
                                  const char     *facilitators)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));

  if (replace_text (&self->facilitators, facilitators))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FACILITATORS]);
}

const char *
abierto_session_get_language (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), NULL);

  return self->language;
}

void
abierto_session_set_language (AbiertoSession *self,
                              const char     *language)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));

  if (replace_optional (&self->language, language))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
abierto_session_get_license (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), NULL);

  return self->license;
}

void
abierto_session_set_license (AbiertoSession *self,
                             const char     *license)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));

  if (replace_optional (&self->license, license))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LICENSE]);
}

const char *
abierto_session_get_publication_url (AbiertoSession *self)
{
  g_return_val_if_fail (ABIERTO_IS_SESSION (self), NULL);

  return self->publication_url;
}

void
abierto_session_set_publication_url (AbiertoSession *self,
                                     const char     *url)
{
  g_return_if_fail (ABIERTO_IS_SESSION (self));

  if (url != NULL && *url == '\0')
    url = NULL;
  if (replace_optional (&self->publication_url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLICATION_URL]);
}
