/* abierto-participant.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include "abierto-participant.h"

struct _AbiertoParticipant
{
  GObject         parent_instance;

  gint64          id;
  gint64          session_id;
  AbiertoConsent  consent;
  guint           notice_version;
  gboolean        opposed;

  /* All owned. alias is never NULL; the others are NULL when unset. */
  char           *uuid;
  char           *alias;
  char           *age_band;
  char           *gender;
  char           *consent_date;
};

G_DEFINE_FINAL_TYPE (AbiertoParticipant, abierto_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_SESSION_ID,
  PROP_ALIAS,
  PROP_AGE_BAND,
  PROP_GENDER,
  PROP_CONSENT,
  PROP_CONSENT_DATE,
  PROP_NOTICE_VERSION,
  PROP_OPPOSED,
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
abierto_participant_finalize (GObject *object)
{
  AbiertoParticipant *self = (AbiertoParticipant *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->alias, g_free);
  g_clear_pointer (&self->age_band, g_free);
  g_clear_pointer (&self->gender, g_free);
  g_clear_pointer (&self->consent_date, g_free);

  G_OBJECT_CLASS (abierto_participant_parent_class)->finalize (object);
}

static void
abierto_participant_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AbiertoParticipant *self = ABIERTO_PARTICIPANT (object);

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

    case PROP_ALIAS:
      g_value_set_string (value, self->alias);
      break;

    case PROP_AGE_BAND:
      g_value_set_string (value, self->age_band);
      break;

    case PROP_GENDER:
      g_value_set_string (value, self->gender);
      break;

    case PROP_CONSENT:
      g_value_set_enum (value, self->consent);
      break;

    case PROP_CONSENT_DATE:
      g_value_set_string (value, self->consent_date);
      break;

    case PROP_NOTICE_VERSION:
      g_value_set_uint (value, self->notice_version);
      break;

    case PROP_OPPOSED:
      g_value_set_boolean (value, self->opposed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_participant_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AbiertoParticipant *self = ABIERTO_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      abierto_participant_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      abierto_participant_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_SESSION_ID:
      abierto_participant_set_session_id (self, g_value_get_int64 (value));
      break;

    case PROP_ALIAS:
      abierto_participant_set_alias (self, g_value_get_string (value));
      break;

    case PROP_AGE_BAND:
      abierto_participant_set_age_band (self, g_value_get_string (value));
      break;

    case PROP_GENDER:
      abierto_participant_set_gender (self, g_value_get_string (value));
      break;

    case PROP_CONSENT:
      abierto_participant_set_consent (self, g_value_get_enum (value));
      break;

    case PROP_CONSENT_DATE:
      abierto_participant_set_consent_date (self, g_value_get_string (value));
      break;

    case PROP_NOTICE_VERSION:
      abierto_participant_set_notice_version (self, g_value_get_uint (value));
      break;

    case PROP_OPPOSED:
      abierto_participant_set_opposed (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_participant_class_init (AbiertoParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = abierto_participant_finalize;
  object_class->get_property = abierto_participant_get_property;
  object_class->set_property = abierto_participant_set_property;

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

  properties[PROP_ALIAS] =
    g_param_spec_string ("alias", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AGE_BAND] =
    g_param_spec_string ("age-band", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GENDER] =
    g_param_spec_string ("gender", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONSENT] =
    g_param_spec_enum ("consent", NULL, NULL,
                       ABIERTO_TYPE_CONSENT,
                       ABIERTO_CONSENT_SELF,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONSENT_DATE] =
    g_param_spec_string ("consent-date", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The version of the privacy notice the person was shown when they
   * consented; 0 when it was not recorded (files from before notices were
   * kept), or, before adding, for the latest one. */
  properties[PROP_NOTICE_VERSION] =
    g_param_spec_uint ("notice-version", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The person opposed the use of their data (ARCO "O"): they stay in
   * the file and are left out of every export and of open data. */
  properties[PROP_OPPOSED] =
    g_param_spec_boolean ("opposed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
abierto_participant_init (AbiertoParticipant *self)
{
  self->consent = ABIERTO_CONSENT_SELF;
  self->alias = g_strdup ("");
}

AbiertoParticipant *
abierto_participant_new (gint64      session_id,
                         const char *alias)
{
  return g_object_new (ABIERTO_TYPE_PARTICIPANT,
                       "session-id", session_id,
                       "alias", alias,
                       NULL);
}

gint64
abierto_participant_get_id (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), 0);

  return self->id;
}

void
abierto_participant_set_id (AbiertoParticipant *self,
                            gint64              id)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
abierto_participant_get_uuid (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), NULL);

  return self->uuid;
}

void
abierto_participant_set_uuid (AbiertoParticipant *self,
                              const char         *uuid)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));

  if (replace_optional (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
abierto_participant_get_session_id (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), 0);

  return self->session_id;
}

void
abierto_participant_set_session_id (AbiertoParticipant *self,
                                    gint64              session_id)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));
  g_return_if_fail (session_id >= 0);

  if (self->session_id == session_id)
    return;

  self->session_id = session_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}

const char *
abierto_participant_get_alias (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), NULL);

  return self->alias;
}

void
abierto_participant_set_alias (AbiertoParticipant *self,
                               const char         *alias)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));

  if (replace_text (&self->alias, alias))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALIAS]);
}

const char *
abierto_participant_get_age_band (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), NULL);

  return self->age_band;
}

void
abierto_participant_set_age_band (AbiertoParticipant *self,
                                  const char         *age_band)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));

  if (replace_optional (&self->age_band, age_band))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGE_BAND]);
}

const char *
abierto_participant_get_gender (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), NULL);

  return self->gender;
}

void
abierto_participant_set_gender (AbiertoParticipant *self,
                                const char         *gender)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));

  if (replace_optional (&self->gender, gender))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENDER]);
}

AbiertoConsent
abierto_participant_get_consent (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), ABIERTO_CONSENT_SELF);

  return self->consent;
}

void
abierto_participant_set_consent (AbiertoParticipant *self,
                                 AbiertoConsent      consent)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));
  g_return_if_fail (consent == ABIERTO_CONSENT_SELF ||
                    consent == ABIERTO_CONSENT_GUARDIAN);

  if (self->consent == consent)
    return;

  self->consent = consent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT]);
}

const char *
abierto_participant_get_consent_date (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), NULL);

  return self->consent_date;
}

void
abierto_participant_set_consent_date (AbiertoParticipant *self,
                                      const char         *date)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));

  if (replace_optional (&self->consent_date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_DATE]);
}

guint
abierto_participant_get_notice_version (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), 0);

  return self->notice_version;
}

void
abierto_participant_set_notice_version (AbiertoParticipant *self,
                                        guint               version)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));

  if (self->notice_version == version)
    return;

  self->notice_version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE_VERSION]);
}

gboolean
abierto_participant_get_opposed (AbiertoParticipant *self)
{
  g_return_val_if_fail (ABIERTO_IS_PARTICIPANT (self), FALSE);

  return self->opposed;
}

void
abierto_participant_set_opposed (AbiertoParticipant *self,
                                 gboolean            opposed)
{
  g_return_if_fail (ABIERTO_IS_PARTICIPANT (self));

  opposed = !!opposed;
  if (self->opposed == opposed)
    return;

  self->opposed = opposed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPPOSED]);
}
