/* abierto-commitments-view.h
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

#define ABIERTO_TYPE_COMMITMENTS_VIEW (abierto_commitments_view_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoCommitmentsView, abierto_commitments_view,
                      ABIERTO, COMMITMENTS_VIEW, AdwBin)

GtkWidget  *abierto_commitments_view_new          (AbiertoStore           *store,
                                                   AbiertoUndoStack       *undo,
                                                   gint64                  session_id);
/* Shows @session_id of @store; the page sets this once. */
void        abierto_commitments_view_set_session  (AbiertoCommitmentsView *self,
                                                   AbiertoStore           *store,
                                                   AbiertoUndoStack       *undo,
                                                   gint64                  session_id);

/* What both lists of commitments share. */

/* An icon that goes with the words of a status, never instead of them. */
const char *abierto_commitment_status_icon_name   (AbiertoCommitmentStatus  status);
/* “40 %”, or NULL when the commitment cannot be measured yet. */
char       *abierto_commitment_dup_percent_text   (AbiertoCommitment      *commitment);
/* “31 December 2026”, or the stored text when it is not a date. */
char       *abierto_format_deadline               (const char             *iso_date);
/* A number as people write it: “40”, “3.5”. */
char       *abierto_format_number                 (double                  value);
/* A row for @commitment: its action, @context (the proposals it answers,
 * or its session), institution, status in words and with an icon, the
 * progress bar and its percentage, the deadline and, when it is passed,
 * “Overdue” in words. The commitment is on the row as "abierto-commitment";
 * its last child is a box where callers add buttons. */
GtkWidget  *abierto_commitment_row_new            (AbiertoCommitment      *commitment,
                                                   const char             *context);
GtkBox     *abierto_commitment_row_get_suffix_box (GtkWidget              *row);

G_END_DECLS
