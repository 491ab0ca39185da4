/* abierto-ballot.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-store.h"

G_BEGIN_DECLS

#define ABIERTO_BALLOT_ERROR (abierto_ballot_error_quark ())

typedef enum
{
  ABIERTO_BALLOT_ERROR_ALREADY_VOTED,  /* this person has votes in the round */
  ABIERTO_BALLOT_ERROR_EMPTY,          /* nothing was chosen */
  ABIERTO_BALLOT_ERROR_CLOSED,         /* the round takes no more votes */
} AbiertoBallotError;

GQuark   abierto_ballot_error_quark (void);

/* A whole ballot of one person, as a kiosk casts it: every vote in one
 * transaction, all or nothing, with the checks of add_vote and
 * add_ranking. @entries hold one entry per proposal (@vote_id is
 * ignored): the dots given to it (dot), anything (approval, counted as
 * 1) or the rating 1..points (scale); for a ranking they are in order,
 * best first, and @value is ignored. The dots of the whole ballot count
 * against the round's dots, for an anonymous ballot too. A named
 * participant who already has a vote in the round is refused with
 * ABIERTO_BALLOT_ERROR_ALREADY_VOTED; anonymous ballots (@participant_id
 * 0) can be cast again and again. */
gboolean abierto_store_cast_ballot  (AbiertoStore             *store,
                                     gint64                    round_id,
                                     gint64                    participant_id,
                                     const AbiertoBallotEntry *entries,
                                     guint                     n,
                                     GError                  **error);

/* Whether @participant_id has any vote in @round_id. FALSE for an
 * anonymous participant (0), and FALSE with @error set when the file
 * could not say. */
gboolean abierto_store_has_voted    (AbiertoStore             *store,
                                     gint64                    round_id,
                                     gint64                    participant_id,
                                     GError                  **error);

G_END_DECLS
