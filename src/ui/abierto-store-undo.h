/* abierto-store-undo.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "abierto-store.h"
#include "abierto-undo-stack.h"

G_BEGIN_DECLS

/* The store calls that undo one user action, run in the order they were
 * added: a rating changed is undone by deleting the new vote, then adding
 * the old one back. */
typedef struct _AbiertoStoreUndo AbiertoStoreUndo;

typedef enum
{
  ABIERTO_UNDO_TARGET_PARTICIPANT,
  ABIERTO_UNDO_TARGET_PROPOSAL,
  ABIERTO_UNDO_TARGET_ROUND,
  ABIERTO_UNDO_TARGET_COMMITMENT,
} AbiertoUndoTarget;

AbiertoStoreUndo *abierto_store_undo_new                (AbiertoStore       *store);
void              abierto_store_undo_free               (AbiertoStoreUndo   *self);

void              abierto_store_undo_add_vote           (AbiertoStoreUndo   *self,
                                                         gint64              round_id,
                                                         gint64              participant_id,
                                                         gint64              proposal_id,
                                                         gint                value);
void              abierto_store_undo_delete_vote        (AbiertoStoreUndo   *self,
                                                         gint64              vote_id);
void              abierto_store_undo_add_ranking        (AbiertoStoreUndo   *self,
                                                         gint64              round_id,
                                                         gint64              participant_id,
                                                         const gint64       *proposal_ids,
                                                         guint               n_proposals);
void              abierto_store_undo_delete_ranking     (AbiertoStoreUndo   *self,
                                                         gint64              round_id,
                                                         gint64              participant_id);
void              abierto_store_undo_set_tally          (AbiertoStoreUndo   *self,
                                                         gint64              round_id,
                                                         gint64              proposal_id,
                                                         guint               count);
void              abierto_store_undo_delete             (AbiertoStoreUndo   *self,
                                                         AbiertoUndoTarget   target,
                                                         gint64              id);
void              abierto_store_undo_restore            (AbiertoStoreUndo   *self,
                                                         AbiertoUndoTarget   target,
                                                         gint64              id);
/* unmerges @merged_id, with the votes it had */
void              abierto_store_undo_unmerge_proposal   (AbiertoStoreUndo   *self,
                                                         gint64              merged_id);
/* saves @old back; the step keeps a copy */
void              abierto_store_undo_update_participant (AbiertoStoreUndo   *self,
                                                         AbiertoParticipant *old);
void              abierto_store_undo_update_proposal    (AbiertoStoreUndo   *self,
                                                         AbiertoProposal    *old);
/* sets whether @participant_id is left out of exports back to @opposed */
void              abierto_store_undo_set_opposed        (AbiertoStoreUndo   *self,
                                                         gint64              participant_id,
                                                         gboolean            opposed);
void              abierto_store_undo_update_commitment  (AbiertoStoreUndo   *self,
                                                         AbiertoCommitment  *old);
/* takes back the progress update @update_id */
void              abierto_store_undo_delete_commitment_update (AbiertoStoreUndo *self,
                                                               gint64            update_id);

/* Pushes @self (transfer full) on @stack with @label, what undoing does
 * ("Vote taken back"). With @toast_widget and @toast_title, also shows a
 * toast over @toast_widget with an Undo button. */
void              abierto_store_undo_push               (AbiertoStoreUndo   *self,
                                                         AbiertoUndoStack   *stack,
                                                         const char         *label,
                                                         GtkWidget          *toast_widget,
                                                         const char         *toast_title);

/* After @participant_id was erased: every entry of @stack that would
 * touch them fails with a message instead, without doing anything, and
 * the copies of them kept to undo an edit are dropped, so that nothing
 * can bring their alias back. */
void              abierto_store_undo_forget_participant (AbiertoUndoStack   *stack,
                                                         gint64              participant_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AbiertoStoreUndo, abierto_store_undo_free)

G_END_DECLS
