/* abierto-commitment.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "abierto-commitment.h"

/* The nicks are the stable machine names: they are written to files and
 * accepted by the CLI, so they must never change. */
G_DEFINE_ENUM_TYPE (AbiertoCommitmentStatus, abierto_commitment_status,
                    G_DEFINE_ENUM_VALUE (ABIERTO_COMMITMENT_DRAFT, "draft"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_COMMITMENT_PLANNED, "planned"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_COMMITMENT_IN_PROGRESS, "in-progress"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_COMMITMENT_DONE, "done"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_COMMITMENT_DROPPED, "dropped"))

/* The optional numbers, each with its "has-" property */
typedef enum
{
  NUMBER_BASELINE,
  NUMBER_TARGET,
  NUMBER_BUDGET_ALLOCATED,
  NUMBER_BUDGET_SPENT,
  NUMBER_CURRENT_VALUE,
  N_NUMBERS
} Number;

struct _AbiertoCommitment
{
  GObject                  parent_instance;

  gint64                   id;
  gint64                   session_id;
  AbiertoCommitmentStatus  status;
  double                   numbers[N_NUMBERS];
  gboolean                 has_number[N_NUMBERS];

  /* All owned. Text fields are never NULL; uuid, deadline and
   * current_date are NULL when unset. */
  char                    *uuid;
  char                    *action;
  char                    *institution;
  char                    *area;
  char                    *indicator;
  char                    *unit;
  char                    *deadline;
  char                    *status_reason;
  char                    *current_date;
  GArray                  *proposal_ids;   /* of gint64, ascending, no duplicates */
};

G_DEFINE_FINAL_TYPE (AbiertoCommitment, abierto_commitment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_SESSION_ID,
  PROP_ACTION,
  PROP_INSTITUTION,
  PROP_AREA,
  PROP_INDICATOR,
  PROP_UNIT,
  PROP_DEADLINE,
  PROP_STATUS,
  PROP_STATUS_REASON,
  PROP_CURRENT_DATE,
  PROP_PROPOSAL_IDS,
  /* in the order of Number */
  PROP_BASELINE,
  PROP_TARGET,
  PROP_BUDGET_ALLOCATED,
  PROP_BUDGET_SPENT,
  PROP_CURRENT_VALUE,
  PROP_HAS_BASELINE,
  PROP_HAS_TARGET,
  PROP_HAS_BUDGET_ALLOCATED,
  PROP_HAS_BUDGET_SPENT,
  PROP_HAS_CURRENT_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const number_names[N_NUMBERS] = {
  "baseline", "target", "budget-allocated", "budget-spent", "current-value"
};

static const char * const has_number_names[N_NUMBERS] = {
  "has-baseline", "has-target", "has-budget-allocated", "has-budget-spent", "has-current-value"
};

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
set_number (AbiertoCommitment *self,
            Number             number,
            double             value)
{
  gboolean had = self->has_number[number];

  g_return_if_fail (isfinite (value));

  if (had && self->numbers[number] == value)
    return;

  self->numbers[number] = value;
  self->has_number[number] = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE + number]);
  if (!had)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BASELINE + number]);
}

static void
clear_number (AbiertoCommitment *self,
              Number             number)
{
  if (!self->has_number[number])
    return;

  self->numbers[number] = 0;
  self->has_number[number] = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASELINE + number]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BASELINE + number]);
}

static gboolean
get_number (AbiertoCommitment *self,
            Number             number,
            double            *value)
{
  if (!self->has_number[number])
    return FALSE;

  if (value != NULL)
    *value = self->numbers[number];
  return TRUE;
}

static void
abierto_commitment_finalize (GObject *object)
{
  AbiertoCommitment *self = (AbiertoCommitment *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->institution, g_free);
  g_clear_pointer (&self->area, g_free);
  g_clear_pointer (&self->indicator, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->deadline, g_free);
  g_clear_pointer (&self->status_reason, g_free);
  g_clear_pointer (&self->current_date, g_free);
  g_clear_pointer (&self->proposal_ids, g_array_unref);

  G_OBJECT_CLASS (abierto_commitment_parent_class)->finalize (object);
}

static void
abierto_commitment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AbiertoCommitment *self = ABIERTO_COMMITMENT (object);

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

    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;

    case PROP_INSTITUTION:
      g_value_set_string (value, self->institution);
      break;

    case PROP_AREA:
      g_value_set_string (value, self->area);
      break;

    case PROP_INDICATOR:
      g_value_set_string (value, self->indicator);
      break;

    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    case PROP_DEADLINE:
      g_value_set_string (value, self->deadline);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_STATUS_REASON:
      g_value_set_string (value, self->status_reason);
      break;

    case PROP_CURRENT_DATE:
      g_value_set_string (value, self->current_date);
      break;

    case PROP_PROPOSAL_IDS:
      g_value_set_boxed (value, self->proposal_ids);
      break;

    case PROP_BASELINE:
    case PROP_TARGET:
    case PROP_BUDGET_ALLOCATED:
    case PROP_BUDGET_SPENT:
    case PROP_CURRENT_VALUE:
      g_value_set_double (value, self->numbers[prop_id - PROP_BASELINE]);
      break;

    case PROP_HAS_BASELINE:
    case PROP_HAS_TARGET:
    case PROP_HAS_BUDGET_ALLOCATED:
    case PROP_HAS_BUDGET_SPENT:
    case PROP_HAS_CURRENT_VALUE:
      g_value_set_boolean (value, self->has_number[prop_id - PROP_HAS_BASELINE]);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_commitment_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AbiertoCommitment *self = ABIERTO_COMMITMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      abierto_commitment_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_UUID:
      abierto_commitment_set_uuid (self, g_value_get_string (value));
      break;

    case PROP_SESSION_ID:
      abierto_commitment_set_session_id (self, g_value_get_int64 (value));
      break;

    case PROP_ACTION:
      abierto_commitment_set_action (self, g_value_get_string (value));
      break;

    case PROP_INSTITUTION:
      abierto_commitment_set_institution (self, g_value_get_string (value));
      break;

    case PROP_AREA:
      abierto_commitment_set_area (self, g_value_get_string (value));
      break;

    case PROP_INDICATOR:
      abierto_commitment_set_indicator (self, g_value_get_string (value));
      break;

    case PROP_UNIT:
      abierto_commitment_set_unit (self, g_value_get_string (value));
      break;

    case PROP_DEADLINE:
      abierto_commitment_set_deadline (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      abierto_commitment_set_status (self, g_value_get_enum (value));
      break;

    case PROP_STATUS_REASON:
      abierto_commitment_set_status_reason (self, g_value_get_string (value));
      break;

    case PROP_CURRENT_DATE:
      abierto_commitment_set_current_date (self, g_value_get_string (value));
      break;

    case PROP_PROPOSAL_IDS:
      {
        GArray *ids = g_value_get_boxed (value);

        if (ids != NULL)
          abierto_commitment_set_proposal_ids (self, (const gint64 *) ids->data, ids->len);
        else
          abierto_commitment_set_proposal_ids (self, NULL, 0);
      }
      break;

    case PROP_BASELINE:
    case PROP_TARGET:
    case PROP_BUDGET_ALLOCATED:
    case PROP_BUDGET_SPENT:
    case PROP_CURRENT_VALUE:
      set_number (self, prop_id - PROP_BASELINE, g_value_get_double (value));
      break;

    case PROP_HAS_BASELINE:
    case PROP_HAS_TARGET:
    case PROP_HAS_BUDGET_ALLOCATED:
    case PROP_HAS_BUDGET_SPENT:
    case PROP_HAS_CURRENT_VALUE:
      {
        Number number = prop_id - PROP_HAS_BASELINE;

        if (g_value_get_boolean (value))
          set_number (self, number, self->numbers[number]);
        else
          clear_number (self, number);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_param (const char *name,
            const char *default_value)
{
  return g_param_spec_string (name, NULL, NULL,
                              default_value,
                              (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
}

static void
abierto_commitment_class_init (AbiertoCommitmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  guint i;

  object_class->finalize = abierto_commitment_finalize;
  object_class->get_property = abierto_commitment_get_property;
  object_class->set_property = abierto_commitment_set_property;

  /* The database row id, 0 until stored. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UUID] = text_param ("uuid", NULL);

  properties[PROP_SESSION_ID] =
    g_param_spec_int64 ("session-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTION] = text_param ("action", "");
  properties[PROP_INSTITUTION] = text_param ("institution", "");
  properties[PROP_AREA] = text_param ("area", "");
  properties[PROP_INDICATOR] = text_param ("indicator", "");
  properties[PROP_UNIT] = text_param ("unit", "");
  /* YYYY-MM-DD, or NULL */
  properties[PROP_DEADLINE] = text_param ("deadline", NULL);

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ABIERTO_TYPE_COMMITMENT_STATUS,
                       ABIERTO_COMMITMENT_PLANNED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS_REASON] = text_param ("status-reason", "");
  /* the date of the latest progress update, or NULL */
  properties[PROP_CURRENT_DATE] = text_param ("current-date", NULL);

  /* A GArray of gint64: the proposals the commitment answers. */
  properties[PROP_PROPOSAL_IDS] =
    g_param_spec_boxed ("proposal-ids", NULL, NULL,
                        G_TYPE_ARRAY,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Each optional number reads 0 while its "has-" property is FALSE;
   * setting the number sets that to TRUE. */
  for (i = 0; i < N_NUMBERS; i++)
    {
      properties[PROP_BASELINE + i] =
        g_param_spec_double (number_names[i], NULL, NULL,
                             -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS));
      properties[PROP_HAS_BASELINE + i] =
        g_param_spec_boolean (has_number_names[i], NULL, NULL,
                              FALSE,
                              (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS));
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
abierto_commitment_init (AbiertoCommitment *self)
{
  self->status = ABIERTO_COMMITMENT_PLANNED;
  self->action = g_strdup ("");
  self->institution = g_strdup ("");
  self->area = g_strdup ("");
  self->indicator = g_strdup ("");
  self->unit = g_strdup ("");
  self->status_reason = g_strdup ("");
  self->proposal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Status names */

static const char * const status_names[ABIERTO_N_COMMITMENT_STATUSES] = {
  "draft", "planned", "in-progress", "done", "dropped"
};

const char *
abierto_commitment_status_to_string (AbiertoCommitmentStatus status)
{
  g_return_val_if_fail ((guint) status < ABIERTO_N_COMMITMENT_STATUSES, NULL);

  return status_names[status];
}

gboolean
abierto_commitment_status_from_string (const char              *str,
                                       AbiertoCommitmentStatus *status)
{
  guint i;

  g_return_val_if_fail (status != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (i = 0; i < ABIERTO_N_COMMITMENT_STATUSES; i++)
    if (g_str_equal (str, status_names[i]))
      {
        *status = i;
        return TRUE;
      }

  return FALSE;
}

const char *
abierto_commitment_status_get_label (AbiertoCommitmentStatus status)
{
  switch (status)
    {
    case ABIERTO_COMMITMENT_DRAFT:
      return _("Draft");

    case ABIERTO_COMMITMENT_PLANNED:
      return _("Planned");

    case ABIERTO_COMMITMENT_IN_PROGRESS:
      return _("In progress");

    case ABIERTO_COMMITMENT_DONE:
      return _("Done");

    case ABIERTO_COMMITMENT_DROPPED:
      return _("Dropped");
    }

  g_return_val_if_reached (NULL);
}

/* Accessors */

AbiertoCommitment *
abierto_commitment_new (gint64      session_id,
                        const char *action)
{
  return g_object_new (ABIERTO_TYPE_COMMITMENT,
                       "session-id", session_id,
                       "action", action,
                       NULL);
}

gint64
abierto_commitment_get_id (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), 0);

  return self->id;
}

void
abierto_commitment_set_id (AbiertoCommitment *self,
                           gint64             id)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
abierto_commitment_get_uuid (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  return self->uuid;
}

void
abierto_commitment_set_uuid (AbiertoCommitment *self,
                             const char        *uuid)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  if (replace_optional (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

gint64
abierto_commitment_get_session_id (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), 0);

  return self->session_id;
}

void
abierto_commitment_set_session_id (AbiertoCommitment *self,
                                   gint64             session_id)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));
  g_return_if_fail (session_id >= 0);

  if (self->session_id == session_id)
    return;

  self->session_id = session_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}

const char *
abierto_commitment_get_action (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  return self->action;
}

void
abierto_commitment_set_action (AbiertoCommitment *self,
                               const char        *action)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  if (replace_text (&self->action, action))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTION]);
}

const char *
abierto_commitment_get_institution (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  return self->institution;
}

void
abierto_commitment_set_institution (AbiertoCommitment *self,
                                    const char        *institution)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  if (replace_text (&self->institution, institution))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTITUTION]);
}

const char *
abierto_commitment_get_area (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  return self->area;
}

void
abierto_commitment_set_area (AbiertoCommitment *self,
                             const char        *area)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  if (replace_text (&self->area, area))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
}

const char *
abierto_commitment_get_indicator (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  return self->indicator;
}

void
abierto_commitment_set_indicator (AbiertoCommitment *self,
                                  const char        *indicator)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  if (replace_text (&self->indicator, indicator))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDICATOR]);
}

const char *
abierto_commitment_get_unit (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  return self->unit;
}

void
abierto_commitment_set_unit (AbiertoCommitment *self,
                             const char        *unit)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  if (replace_text (&self->unit, unit))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

const char *
abierto_commitment_get_deadline (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  return self->deadline;
}

void
abierto_commitment_set_deadline (AbiertoCommitment *self,
                                 const char        *deadline)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  if (replace_optional (&self->deadline, deadline))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

AbiertoCommitmentStatus
abierto_commitment_get_status (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), ABIERTO_COMMITMENT_PLANNED);

  return self->status;
}

void
abierto_commitment_set_status (AbiertoCommitment       *self,
                               AbiertoCommitmentStatus  status)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));
  g_return_if_fail ((guint) status < ABIERTO_N_COMMITMENT_STATUSES);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
abierto_commitment_get_status_reason (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  return self->status_reason;
}

void
abierto_commitment_set_status_reason (AbiertoCommitment *self,
                                      const char        *reason)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  if (replace_text (&self->status_reason, reason))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_REASON]);
}

gboolean
abierto_commitment_get_baseline (AbiertoCommitment *self,
                                 double            *value)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), FALSE);

  return get_number (self, NUMBER_BASELINE, value);
}

void
abierto_commitment_set_baseline (AbiertoCommitment *self,
                                 double             value)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  set_number (self, NUMBER_BASELINE, value);
}

void
abierto_commitment_clear_baseline (AbiertoCommitment *self)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  clear_number (self, NUMBER_BASELINE);
}

gboolean
abierto_commitment_get_target (AbiertoCommitment *self,
                               double            *value)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), FALSE);

  return get_number (self, NUMBER_TARGET, value);
}

void
abierto_commitment_set_target (AbiertoCommitment *self,
                               double             value)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  set_number (self, NUMBER_TARGET, value);
}

void
abierto_commitment_clear_target (AbiertoCommitment *self)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  clear_number (self, NUMBER_TARGET);
}

gboolean
abierto_commitment_get_budget_allocated (AbiertoCommitment *self,
                                         double            *value)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), FALSE);

  return get_number (self, NUMBER_BUDGET_ALLOCATED, value);
}

void
abierto_commitment_set_budget_allocated (AbiertoCommitment *self,
                                         double             value)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  set_number (self, NUMBER_BUDGET_ALLOCATED, value);
}

void
abierto_commitment_clear_budget_allocated (AbiertoCommitment *self)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  clear_number (self, NUMBER_BUDGET_ALLOCATED);
}

gboolean
abierto_commitment_get_budget_spent (AbiertoCommitment *self,
                                     double            *value)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), FALSE);

  return get_number (self, NUMBER_BUDGET_SPENT, value);
}

void
abierto_commitment_set_budget_spent (AbiertoCommitment *self,
                                     double             value)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  set_number (self, NUMBER_BUDGET_SPENT, value);
}

void
abierto_commitment_clear_budget_spent (AbiertoCommitment *self)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  clear_number (self, NUMBER_BUDGET_SPENT);
}

gboolean
abierto_commitment_get_current_value (AbiertoCommitment *self,
                                      double            *value)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), FALSE);

  return get_number (self, NUMBER_CURRENT_VALUE, value);
}

void
abierto_commitment_set_current_value (AbiertoCommitment *self,
                                      double             value)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  set_number (self, NUMBER_CURRENT_VALUE, value);
}

void
abierto_commitment_clear_current_value (AbiertoCommitment *self)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  clear_number (self, NUMBER_CURRENT_VALUE);
}

const char *
abierto_commitment_get_current_date (AbiertoCommitment *self)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  return self->current_date;
}

void
abierto_commitment_set_current_date (AbiertoCommitment *self,
                                     const char        *date)
{
  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));

  if (replace_optional (&self->current_date, date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_DATE]);
}

const gint64 *
abierto_commitment_get_proposal_ids (AbiertoCommitment *self,
                                     guint             *n_ids)
{
  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);
  g_return_val_if_fail (n_ids != NULL, NULL);

  *n_ids = self->proposal_ids->len;
  return (const gint64 *) self->proposal_ids->data;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

void
abierto_commitment_set_proposal_ids (AbiertoCommitment *self,
                                     const gint64      *ids,
                                     guint              n_ids)
{
  g_autoptr(GArray) sorted = NULL;
  guint i;

  g_return_if_fail (ABIERTO_IS_COMMITMENT (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  /* a set: ascending, each proposal once */
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (sorted, ids, n_ids);
  g_array_sort (sorted, compare_ids);
  for (i = 1; i < sorted->len;)
    {
      if (g_array_index (sorted, gint64, i) == g_array_index (sorted, gint64, i - 1))
        g_array_remove_index (sorted, i);
      else
        i++;
    }

  if (sorted->len == self->proposal_ids->len
      && (sorted->len == 0
          || memcmp (sorted->data, self->proposal_ids->data, sorted->len * sizeof (gint64)) == 0))
    return;

  g_array_unref (self->proposal_ids);
  self->proposal_ids = g_steal_pointer (&sorted);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROPOSAL_IDS]);
}

/* Progress and the check */

double
abierto_commitment_compute_progress (double baseline,
                                     double target,
                                     double value)
{
  double done, span, percent;

  if (!isfinite (baseline) || !isfinite (target) || !isfinite (value))
    return 0;

  /* nothing to move: the aim is to hold the value */
  if (target == baseline)
    return value == target ? 100 : 0;

  done = value - baseline;
  span = target - baseline;
  /* differences of huge numbers overflow; those of halves do not */
  if (!isfinite (done) || !isfinite (span))
    {
      done = value / 2 - baseline / 2;
      span = target / 2 - baseline / 2;
    }
  percent = done / span * 100;
  if (isnan (percent))
    return 0;

  return CLAMP (percent, 0, 100);
}

gboolean
abierto_commitment_get_progress (AbiertoCommitment *self,
                                 double            *percent)
{
  double value;

  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), FALSE);
  g_return_val_if_fail (percent != NULL, FALSE);

  if (!self->has_number[NUMBER_BASELINE] || !self->has_number[NUMBER_TARGET])
    return FALSE;

  value = self->has_number[NUMBER_CURRENT_VALUE] ? self->numbers[NUMBER_CURRENT_VALUE]
                                                  : self->numbers[NUMBER_BASELINE];
  *percent = abierto_commitment_compute_progress (self->numbers[NUMBER_BASELINE],
                                                  self->numbers[NUMBER_TARGET], value);
  return TRUE;
}

/* A YYYY-MM-DD date, or FALSE. */
static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint y, m, d;
  char extra;

  if (text == NULL
      || strlen (text) != 10
      || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &extra) != 3
      || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
abierto_commitment_is_overdue (AbiertoCommitment *self,
                               const GDate       *today)
{
  GDate deadline, now;

  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), FALSE);

  if (self->status != ABIERTO_COMMITMENT_PLANNED
      && self->status != ABIERTO_COMMITMENT_IN_PROGRESS)
    return FALSE;
  if (!parse_date (self->deadline, &deadline))
    return FALSE;

  if (today == NULL)
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
      today = &now;
    }

  /* the deadline day itself is still in time */
  return g_date_compare (&deadline, today) < 0;
}

static gboolean
is_blank (const char *text)
{
  const char *p;

  for (p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

GStrv
abierto_commitment_list_missing (AbiertoCommitment *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  /* in the order a person fills them in */
  if (is_blank (self->indicator))
    g_strv_builder_add (builder, _("an indicator to measure it"));
  if (!self->has_number[NUMBER_TARGET])
    g_strv_builder_add (builder, _("a numeric target"));
  if (self->deadline == NULL)
    g_strv_builder_add (builder, _("a deadline"));
  if (is_blank (self->institution))
    g_strv_builder_add (builder, _("a responsible institution"));

  return g_strv_builder_end (builder);
}

char *
abierto_commitment_dup_missing_message (AbiertoCommitment *self)
{
  g_auto(GStrv) missing = NULL;
  g_autofree char *list = NULL;
  guint n;

  g_return_val_if_fail (ABIERTO_IS_COMMITMENT (self), NULL);

  missing = abierto_commitment_list_missing (self);
  n = g_strv_length (missing);

  /* one sentence per length, so that each language joins its own way */
  switch (n)
    {
    case 0:
      return NULL;
    case 1:
      list = g_strdup (missing[0]);
      break;
    case 2:
      /* TRANSLATORS: things a commitment lacks, e.g. "a deadline and a numeric target" */
      list = g_strdup_printf (_("%s and %s"), missing[0], missing[1]);
      break;
    case 3:
      list = g_strdup_printf (_("%s, %s and %s"), missing[0], missing[1], missing[2]);
      break;
    default:
      list = g_strdup_printf (_("%s, %s, %s and %s"), missing[0], missing[1], missing[2],
                              missing[3]);
      break;
    }

  /* TRANSLATORS: "puntual, realizable y medible" in Spanish, as the
   * open-government declaration says; %s is the list of what is missing */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "A commitment must be specific, achievable and "
                                       "measurable, and this one still lacks %s. Add it, or "
                                       "save the commitment as a draft.",
                                       "A commitment must be specific, achievable and "
                                       "measurable, and this one still lacks %s. Add them, or "
                                       "save the commitment as a draft.", n),
                          list);
}
