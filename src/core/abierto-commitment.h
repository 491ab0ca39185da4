/* abierto-commitment.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AbiertoCommitmentStatus:
 * @ABIERTO_COMMITMENT_DRAFT: saved while still incomplete; not yet promised
 * @ABIERTO_COMMITMENT_PLANNED: promised, work not started
 * @ABIERTO_COMMITMENT_IN_PROGRESS: work under way
 * @ABIERTO_COMMITMENT_DONE: fulfilled
 * @ABIERTO_COMMITMENT_DROPPED: abandoned, with a reason people can read
 *
 * Where a commitment stands.
 */
typedef enum
{
  ABIERTO_COMMITMENT_DRAFT,
  ABIERTO_COMMITMENT_PLANNED,
  ABIERTO_COMMITMENT_IN_PROGRESS,
  ABIERTO_COMMITMENT_DONE,
  ABIERTO_COMMITMENT_DROPPED,
} AbiertoCommitmentStatus;

#define ABIERTO_N_COMMITMENT_STATUSES 5

#define ABIERTO_TYPE_COMMITMENT_STATUS (abierto_commitment_status_get_type ())
#define ABIERTO_TYPE_COMMITMENT        (abierto_commitment_get_type ())

GType abierto_commitment_status_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (AbiertoCommitment, abierto_commitment, ABIERTO, COMMITMENT, GObject)

/* Stable machine names ("draft", "planned", "in-progress", "done",
 * "dropped"), as stored in the file and used by the CLI. */
const char        *abierto_commitment_status_to_string   (AbiertoCommitmentStatus  status);
gboolean           abierto_commitment_status_from_string (const char              *str,
                                                          AbiertoCommitmentStatus *status);
/* Translated name for people. */
const char        *abierto_commitment_status_get_label   (AbiertoCommitmentStatus  status);

AbiertoCommitment *abierto_commitment_new                (gint64              session_id,
                                                          const char         *action);
gint64             abierto_commitment_get_id             (AbiertoCommitment  *self);
void               abierto_commitment_set_id             (AbiertoCommitment  *self,
                                                          gint64              id);
const char        *abierto_commitment_get_uuid           (AbiertoCommitment  *self);
void               abierto_commitment_set_uuid           (AbiertoCommitment  *self,
                                                          const char         *uuid);
gint64             abierto_commitment_get_session_id     (AbiertoCommitment  *self);
void               abierto_commitment_set_session_id     (AbiertoCommitment  *self,
                                                          gint64              session_id);
/* what will be done; text fields are "" when empty, never NULL */
const char        *abierto_commitment_get_action         (AbiertoCommitment  *self);
void               abierto_commitment_set_action         (AbiertoCommitment  *self,
                                                          const char         *action);
/* the responsible institution, and its area (office, department) */
const char        *abierto_commitment_get_institution    (AbiertoCommitment  *self);
void               abierto_commitment_set_institution    (AbiertoCommitment  *self,
                                                          const char         *institution);
const char        *abierto_commitment_get_area           (AbiertoCommitment  *self);
void               abierto_commitment_set_area           (AbiertoCommitment  *self,
                                                          const char         *area);
/* what is measured, e.g. "lamps repaired in the park" */
const char        *abierto_commitment_get_indicator      (AbiertoCommitment  *self);
void               abierto_commitment_set_indicator      (AbiertoCommitment  *self,
                                                          const char         *indicator);
const char        *abierto_commitment_get_unit           (AbiertoCommitment  *self);
void               abierto_commitment_set_unit           (AbiertoCommitment  *self,
                                                          const char         *unit);
/* YYYY-MM-DD, or NULL */
const char        *abierto_commitment_get_deadline       (AbiertoCommitment  *self);
void               abierto_commitment_set_deadline       (AbiertoCommitment  *self,
                                                          const char         *deadline);
AbiertoCommitmentStatus
                   abierto_commitment_get_status         (AbiertoCommitment  *self);
void               abierto_commitment_set_status         (AbiertoCommitment  *self,
                                                          AbiertoCommitmentStatus status);
/* why it was dropped; "" when none */
const char        *abierto_commitment_get_status_reason  (AbiertoCommitment  *self);
void               abierto_commitment_set_status_reason  (AbiertoCommitment  *self,
                                                          const char         *reason);

/* Optional numbers: each getter returns FALSE when the number is not set
 * (and then leaves @value alone); each setter sets it, each clear_*
 * unsets it. */
gboolean           abierto_commitment_get_baseline       (AbiertoCommitment  *self,
                                                          double             *value);
void               abierto_commitment_set_baseline       (AbiertoCommitment  *self,
                                                          double              value);
void               abierto_commitment_clear_baseline     (AbiertoCommitment  *self);
gboolean           abierto_commitment_get_target         (AbiertoCommitment  *self,
                                                          double             *value);
void               abierto_commitment_set_target         (AbiertoCommitment  *self,
                                                          double              value);
void               abierto_commitment_clear_target       (AbiertoCommitment  *self);
gboolean           abierto_commitment_get_budget_allocated (AbiertoCommitment *self,
                                                            double            *value);
void               abierto_commitment_set_budget_allocated (AbiertoCommitment *self,
                                                            double             value);
void               abierto_commitment_clear_budget_allocated (AbiertoCommitment *self);
gboolean           abierto_commitment_get_budget_spent   (AbiertoCommitment  *self,
                                                          double             *value);
void               abierto_commitment_set_budget_spent   (AbiertoCommitment  *self,
                                                          double              value);
void               abierto_commitment_clear_budget_spent (AbiertoCommitment  *self);
/* The value of the latest progress update (by date), filled in by the
 * store; unset while there is none. */
gboolean           abierto_commitment_get_current_value  (AbiertoCommitment  *self,
                                                          double             *value);
void               abierto_commitment_set_current_value  (AbiertoCommitment  *self,
                                                          double              value);
void               abierto_commitment_clear_current_value (AbiertoCommitment *self);
/* date of that update, YYYY-MM-DD, or NULL */
const char        *abierto_commitment_get_current_date   (AbiertoCommitment  *self);
void               abierto_commitment_set_current_date   (AbiertoCommitment  *self,
                                                          const char         *date);

/* The proposals it answers, as the store read them (active proposals
 * only, in ascending order). */
const gint64      *abierto_commitment_get_proposal_ids   (AbiertoCommitment  *self,
                                                          guint              *n_ids);
void               abierto_commitment_set_proposal_ids   (AbiertoCommitment  *self,
                                                          const gint64       *ids,
                                                          guint               n_ids);

/* Progress from @baseline towards @target at @value, in percent, from 0
 * to 100: works both for indicators that must grow and for those that
 * must shrink (a waiting time). When @target equals @baseline the aim is
 * to hold the value: 100 when @value is on it, else 0. */
double             abierto_commitment_compute_progress   (double              baseline,
                                                          double              target,
                                                          double              value);
/* The progress of @self, from its baseline, target and current value (the
 * baseline itself while no update was recorded). FALSE when it cannot be
 * measured: no baseline or no target. */
gboolean           abierto_commitment_get_progress       (AbiertoCommitment  *self,
                                                          double             *percent);
/* TRUE when the deadline has passed (it is before @today, NULL for the
 * local date of today) and the commitment is neither done nor dropped.
 * A draft is not flagged: nothing was promised yet. */
gboolean           abierto_commitment_is_overdue         (AbiertoCommitment  *self,
                                                          const GDate        *today);
/* The "puntual, realizable, medible" check: what the commitment still
 * lacks, in plain words ("a deadline", …), translated; an empty array
 * when nothing is missing. */
GStrv              abierto_commitment_list_missing       (AbiertoCommitment  *self);
/* A sentence for people saying what is missing, or NULL when nothing is. */
char              *abierto_commitment_dup_missing_message (AbiertoCommitment *self);

G_END_DECLS
