/* abierto-commitment-update.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ABIERTO_TYPE_COMMITMENT_UPDATE (abierto_commitment_update_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoCommitmentUpdate, abierto_commitment_update,
                      ABIERTO, COMMITMENT_UPDATE, GObject)

/* One measurement of a commitment's indicator: on @date it stood at
 * @value. */
AbiertoCommitmentUpdate *
             abierto_commitment_update_new               (gint64                   commitment_id,
                                                          const char              *date,
                                                          double                   value);
gint64       abierto_commitment_update_get_id            (AbiertoCommitmentUpdate *self);
void         abierto_commitment_update_set_id            (AbiertoCommitmentUpdate *self,
                                                          gint64                   id);
const char  *abierto_commitment_update_get_uuid          (AbiertoCommitmentUpdate *self);
void         abierto_commitment_update_set_uuid          (AbiertoCommitmentUpdate *self,
                                                          const char              *uuid);
gint64       abierto_commitment_update_get_commitment_id (AbiertoCommitmentUpdate *self);
void         abierto_commitment_update_set_commitment_id (AbiertoCommitmentUpdate *self,
                                                          gint64                   commitment_id);
/* YYYY-MM-DD, or NULL until set */
const char  *abierto_commitment_update_get_date          (AbiertoCommitmentUpdate *self);
void         abierto_commitment_update_set_date          (AbiertoCommitmentUpdate *self,
                                                          const char              *date);
double       abierto_commitment_update_get_value         (AbiertoCommitmentUpdate *self);
void         abierto_commitment_update_set_value         (AbiertoCommitmentUpdate *self,
                                                          double                   value);
/* "" when none */
const char  *abierto_commitment_update_get_note          (AbiertoCommitmentUpdate *self);
void         abierto_commitment_update_set_note          (AbiertoCommitmentUpdate *self,
                                                          const char              *note);
/* a web address where anyone can check the progress; "" when none */
const char  *abierto_commitment_update_get_evidence_url  (AbiertoCommitmentUpdate *self);
void         abierto_commitment_update_set_evidence_url  (AbiertoCommitmentUpdate *self,
                                                          const char              *url);

G_END_DECLS
