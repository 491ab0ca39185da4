/* abierto-results.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "abierto-types.h"

G_BEGIN_DECLS

/**
 * AbiertoResultRow:
 * @proposal_id: the proposal counted
 * @proposal_uuid: its UUID
 * @label: its title, or the start of its text
 * @rank: 1-based competition rank (1, 1, 3, …); equal ranks are ties
 * @score: what the method ranks by: dots, approvals, Borda points,
 *   counted hands, or the mean rating of a scale
 * @votes: how many votes were cast for it: approvals, ratings, places in
 *   rankings, dot votes (one vote may stack several dots, so this can be
 *   less than the dots), or the hand count of a tally
 * @first_prefs: ranking only: ballots that put it first
 * @distribution: scale only: ratings per point, index 0 is point 1
 * @median: scale only: median rating (0 when nobody rated it)
 * @mean: scale only: mean rating (0 when nobody rated it)
 */
typedef struct
{
  gint64  proposal_id;
  char   *proposal_uuid;
  char   *label;
  guint   rank;
  double  score;
  guint   votes;
  guint   first_prefs;
  guint   distribution[5];
  double  median;
  double  mean;
} AbiertoResultRow;

#define ABIERTO_TYPE_RESULTS (abierto_results_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoResults, abierto_results, ABIERTO, RESULTS, GObject)

gint64                  abierto_results_get_round_id   (AbiertoResults *self);
AbiertoMethod           abierto_results_get_method     (AbiertoResults *self);
/* dots per person or points of the scale, as set on the round */
guint                   abierto_results_get_dots       (AbiertoResults *self);
guint                   abierto_results_get_points     (AbiertoResults *self);
/* distinct participants who voted (anonymous votes count, but are not
 * people this can tell apart); raised hands for a tally */
guint                   abierto_results_get_n_voters   (AbiertoResults *self);
guint                   abierto_results_get_n_rows     (AbiertoResults *self);
/* rows sorted best first */
const AbiertoResultRow *abierto_results_get_row        (AbiertoResults *self,
                                                        guint           index);
/* sentences explaining each tie, and how it was or was not broken */
const char * const     *abierto_results_get_ties       (AbiertoResults *self);
/* A copy with only the first @n_rows rows, for a chart with room for
 * the leading proposals; the voters and the ties are those of the whole
 * round. */
AbiertoResults         *abierto_results_dup_top        (AbiertoResults *self,
                                                        guint           n_rows);

JsonNode               *abierto_results_to_json        (AbiertoResults *self);
char                   *abierto_results_to_csv         (AbiertoResults *self);
char                   *abierto_results_to_text        (AbiertoResults *self);

G_END_DECLS
