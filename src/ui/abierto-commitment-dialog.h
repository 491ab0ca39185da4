/* abierto-commitment-dialog.h
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

#define ABIERTO_TYPE_COMMITMENT_DIALOG (abierto_commitment_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoCommitmentDialog, abierto_commitment_dialog,
                      ABIERTO, COMMITMENT_DIALOG, AdwWindow)

AbiertoCommitmentDialog *abierto_commitment_dialog_new            (GtkWindow               *parent,
                                                                   AbiertoStore            *store,
                                                                   AbiertoUndoStack        *undo,
                                                                   gint64                   session_id,
                                                                   AbiertoCommitment       *commitment);
/* The commitment edited, as the store now has it; NULL for a new one. */
AbiertoCommitment       *abierto_commitment_dialog_get_commitment (AbiertoCommitmentDialog *self);
/* Adds or saves the commitment, as the Save button does (or, with
 * @draft, Save as Draft), and closes the dialog; FALSE when the store
 * refused it and the dialog stays open saying why. */
gboolean                 abierto_commitment_dialog_save           (AbiertoCommitmentDialog *self,
                                                                   gboolean                 draft);
/* The message shown in the dialog, or NULL when there is none. */
const char              *abierto_commitment_dialog_get_error      (AbiertoCommitmentDialog *self);
/* Records the progress typed in the New Progress Update rows, as its Add
 * Progress button does; FALSE when refused, with the reason shown. */
gboolean                 abierto_commitment_dialog_add_progress   (AbiertoCommitmentDialog *self);

G_END_DECLS
