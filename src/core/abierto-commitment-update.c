/* abierto-commitment-update.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <math.h>

#include "abierto-commitment-update.h"

struct _AbiertoCommitmentUpdate
{
  GObject  parent_instance;

  gint64   id;
  gint64   commitment_id;
  double   value;

  /* All owned. note and evidence_url are never NULL; uuid and date are
   * NULL until set. */
  char    *uuid;
  char    *date;
  char    *note;
  char    *evidence_url;
};

G_DEFINE_FINAL_TYPE (AbiertoCommitmentUpdate, abierto_commitment_update, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_COMMITMENT_ID,
  PROP_DATE,
  PROP_VALUE,
  PROP_NOTE,
  PROP_EVIDENCE_URL,
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
abierto_commitment_update_finalize (GObject *object)
{
  AbiertoCommitmentUpdate *self = (AbiertoCommitmentUpdate *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->evidence_url, g_free);

  G_OBJECT_CLASS (abierto_commitment_update_parent_class)->finalize (object);
}

static void
abierto_commitment_update_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  AbiertoCommitmentUpdate *self = ABIERTO_COMMITMENT_UPDATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;

    case PROP_COMMITMENT_ID:
      g_value_set_int64 (value, self->commitment_id);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_EVIDENCE_URL:
      g_value_set_string (value, self->evidence_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_commitment_update_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  AbiertoCommitmentUpdate *self = ABIERTO_COMMITMENT_UPDATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      abierto_commitment_update_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      abierto_commitment_update_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_COMMITMENT_ID:
      abierto_commitment_update_set_commitment_id (self, g_value_get_int64 (value));
      break;

    case PROP_DATE:
      abierto_commitment_update_set_date (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      abierto_commitment_update_set_value (self, g_value_get_double (value));
      break;

    case PROP_NOTE:
      abierto_commitment_update_set_note (self, g_value_get_string (value));
      break;

    case PROP_EVIDENCE_URL:
      abierto_commitment_update_set_evidence_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_commitment_update_class_init (AbiertoCommitmentUpdateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = abierto_commitment_update_finalize;
  object_class->get_property = abierto_commitment_update_get_property;
  object_class->set_property = abierto_commitment_update_set_property;

  /* The database row id, 0 until stored. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMMITMENT_ID] =
    g_param_spec_int64 ("commitment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* YYYY-MM-DD: the day the value was measured */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EVIDENCE_URL] =
    g_param_spec_string ("evidence-url", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
abierto_commitment_update_init (AbiertoCommitmentUpdate *self)
{
  self->note = g_strdup ("");
  self->evidence_url = g_strdup ("");
}

AbiertoCommitmentUpdate *
abierto_commitment_update_new (gint64      commitment_id,
                               const char *date,
                               double      value)
{
  return g_object_new (ABIERTO_TYPE_COMMITMENT_UPDATE,
                       "commitment-id", commitment_id,
                       "date", date,
                       "value", value,
                       NULL);
}

gint64
abierto_commitment_update_get_id (AbiertoCommitmentUpdate *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self), 0);

  return self->id;
}

void
abierto_commitment_update_set_id (AbiertoCommitmentUpdate *self,
                                  gint64                   id)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
abierto_commitment_update_get_uuid (AbiertoCommitmentUpdate *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self), NULL);

  return self->uuid;
}

void
abierto_commitment_update_set_uuid (AbiertoCommitmentUpdate *self,
                                    const char              *uuid)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self));

  if (replace_optional (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
abierto_commitment_update_get_commitment_id (AbiertoCommitmentUpdate *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self), 0);

  return self->commitment_id;
}

void
abierto_commitment_update_set_commitment_id (AbiertoCommitmentUpdate *self,
                                             gint64                   commitment_id)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self));
  g_return_if_fail (commitment_id >= 0);

  if (self->commitment_id == commitment_id)
    return;

  self->commitment_id = commitment_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMITMENT_ID]);
}

const char *
abierto_commitment_update_get_date (AbiertoCommitmentUpdate *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self), NULL);

  return self->date;
}

void
abierto_commitment_update_set_date (AbiertoCommitmentUpdate *self,
                                    const char              *date)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self));

  if (replace_optional (&self->date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

double
abierto_commitment_update_get_value (AbiertoCommitmentUpdate *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self), 0);

  return self->value;
}

void
abierto_commitment_update_set_value (AbiertoCommitmentUpdate *self,
                                     double                   value)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self));
  g_return_if_fail (isfinite (value));

  if (self->value == value)
    return;

  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
abierto_commitment_update_get_note (AbiertoCommitmentUpdate *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self), NULL);

  return self->note;
}

void
abierto_commitment_update_set_note (AbiertoCommitmentUpdate *self,
                                    const char              *note)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self));

  if (replace_text (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

const char *
abierto_commitment_update_get_evidence_url (AbiertoCommitmentUpdate *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self), NULL);

  return self->evidence_url;
}

void
abierto_commitment_update_set_evidence_url (AbiertoCommitmentUpdate *self,
                                            const char              *url)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT_UPDATE (self));

  if (replace_text (&self->evidence_url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE_URL]);
}
