/* abierto-vote-row.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "abierto-store.h"

G_BEGIN_DECLS

/* What a tap on a row asks for; the voting view makes it a store call. */
typedef enum
{
  ABIERTO_VOTE_ACTION_GIVE_DOT,
  ABIERTO_VOTE_ACTION_TAKE_DOT,
  ABIERTO_VOTE_ACTION_APPROVE,    /* value: 1 to approve, 0 to take back */
  ABIERTO_VOTE_ACTION_RATE,       /* value: the rating */
  ABIERTO_VOTE_ACTION_RANK,       /* put it next in the ranking */
  ABIERTO_VOTE_ACTION_TALLY,      /* value: the hand count */
} AbiertoVoteAction;

#define ABIERTO_TYPE_VOTE_ROW (abierto_vote_row_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoVoteRow, abierto_vote_row, ABIERTO, VOTE_ROW, AdwActionRow)

GtkWidget *abierto_vote_row_new             (AbiertoProposal *proposal,
                                             guint            number,
                                             AbiertoMethod    method,
                                             guint            points);
gint64     abierto_vote_row_get_proposal_id (AbiertoVoteRow  *self);
/* the running total of the round, e.g. “7 dots” */
void       abierto_vote_row_set_total       (AbiertoVoteRow  *self,
                                             const char      *total);
/* dot: this person's dots on it, and whether one more can be given */
void       abierto_vote_row_set_dots        (AbiertoVoteRow  *self,
                                             guint            mine,
                                             gboolean         can_give);
void       abierto_vote_row_set_approved    (AbiertoVoteRow  *self,
                                             gboolean         approved);
/* 0 when not rated */
void       abierto_vote_row_set_rating      (AbiertoVoteRow  *self,
                                             guint            rating);
/* 0 when not placed yet; @can_rank says whether it can be placed */
void       abierto_vote_row_set_place       (AbiertoVoteRow  *self,
                                             guint            place,
                                             gboolean         can_rank);
void       abierto_vote_row_set_tally       (AbiertoVoteRow  *self,
                                             guint            count);

G_END_DECLS
