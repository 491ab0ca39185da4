/* abierto-results-private.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-results.h"

G_BEGIN_DECLS

/* Built by the store: proposals first (in their display order), then the
 * grouped counts of votes, then finish() sorts, ranks and explains ties. */
AbiertoResults *_abierto_results_new          (gint64          round_id,
                                               AbiertoMethod   method,
                                               guint           dots,
                                               guint           points);
void            _abierto_results_add_proposal (AbiertoResults *self,
                                               gint64          proposal_id,
                                               const char     *uuid,
                                               const char     *label);
/* @n_rows vote rows of @proposal_id had @value */
gboolean        _abierto_results_add_count    (AbiertoResults *self,
                                               gint64          proposal_id,
                                               gint64          value,
                                               gint64          n_rows);
void            _abierto_results_set_n_voters (AbiertoResults *self,
                                               guint           n_voters);
void            _abierto_results_finish       (AbiertoResults *self);

G_END_DECLS
