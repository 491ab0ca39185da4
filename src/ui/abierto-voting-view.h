/* abierto-voting-view.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-store.h"
#include "abierto-undo-stack.h"

G_BEGIN_DECLS

#define ABIERTO_TYPE_VOTING_VIEW (abierto_voting_view_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoVotingView, abierto_voting_view,
                      ABIERTO, VOTING_VIEW, AdwBin)

GtkWidget *abierto_voting_view_new          (AbiertoStore     *store,
                                             AbiertoUndoStack *undo,
                                             gint64            session_id);
/* Shows @session_id of @store; the page sets this once. */
void       abierto_voting_view_set_session  (AbiertoVotingView *self,
                                             AbiertoStore      *store,
                                             AbiertoUndoStack  *undo,
                                             gint64             session_id);
/* the voting round on show, 0 for none */
gint64     abierto_voting_view_get_round_id (AbiertoVotingView *self);
void       abierto_voting_view_set_round_id (AbiertoVotingView *self,
                                             gint64             round_id);

gboolean           abierto_voting_view_get_counting (AbiertoVotingView *self);

G_END_DECLS
