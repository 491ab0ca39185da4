/* abierto-privacy.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The small-numbers rule, shared by every preview, export and open data
 * file: a count of people below the threshold is never shown, and neither
 * is any cell from which a hidden one could be worked out. */

#define ABIERTO_PRIVACY_DEFAULT_THRESHOLD 5
#define ABIERTO_PRIVACY_MIN_THRESHOLD     2
#define ABIERTO_PRIVACY_MAX_THRESHOLD     100

/* Marks in @suppressed (n_cells long) the cells of one breakdown that may
 * not be shown. A cell of 1..threshold-1 people is suppressed; zero is
 * not a person and is shown. When @total_shown is TRUE (the breakdown's
 * total is printed beside it) and exactly one cell is suppressed, the
 * smallest other non-zero cell is suppressed too, so the hidden one can
 * not be worked out by subtraction. Returns the number suppressed. */
guint    abierto_privacy_suppress       (const guint *counts,
                                         gboolean    *suppressed,
                                         guint        n_cells,
                                         guint        threshold,
                                         gboolean     total_shown);

/* whether a total of @count people may be shown */
gboolean abierto_privacy_total_is_shown (guint        count,
                                         guint        threshold);

/* Breakdowns of people by a free-text answer, such as the age band or
 * the gender, as the report draws them and open data publish them.
 *
 * An AbiertoPrivacyTally counts the answers: "Mujer", "mujer " and
 * "MUJER" are one answer, written as first met; NULL, "" or only spaces
 * is no answer. From it come the cells of a breakdown, an array of
 * AbiertoPrivacyCell, which abierto_privacy_cells_suppress() then
 * hides by the small-numbers rule. */

typedef enum
{
  ABIERTO_PRIVACY_CELL_ANSWER,        /* the people who gave one answer */
  ABIERTO_PRIVACY_CELL_OTHER,         /* answers too rare to show one by one, together */
  ABIERTO_PRIVACY_CELL_NOT_RECORDED,  /* the people who gave none */
} AbiertoPrivacyCellKind;

typedef struct
{
  AbiertoPrivacyCellKind  kind;
  char                   *value;       /* the answer, trimmed; else translated: “Other
                                        * answers” or “Not recorded” */
  guint                   count;       /* 0 once suppressed: never read it then */
  gboolean                suppressed;
} AbiertoPrivacyCell;

typedef enum
{
  ABIERTO_PRIVACY_ORDER_NAME,   /* by name: the order tells nothing of a hidden count */
  ABIERTO_PRIVACY_ORDER_COUNT,  /* given by more people first, then by name */
} AbiertoPrivacyOrder;

typedef struct _AbiertoPrivacyTally AbiertoPrivacyTally;

AbiertoPrivacyTally *abierto_privacy_tally_new           (void);
void                 abierto_privacy_tally_free          (AbiertoPrivacyTally       *tally);
void                 abierto_privacy_tally_add           (AbiertoPrivacyTally       *tally,
                                                          const char                *answer);

/* The cells of age bands, in a new array that frees them: the bands in
 * the order of their first age ("5-9", "10-14", "60-69", "80+"), those
 * that start with no number after them by name, and the people with
 * none last, a cell that is there even when nobody is in it. */
GPtrArray           *abierto_privacy_tally_dup_age_bands (const AbiertoPrivacyTally *tally);

/* The cells of genders, in a new array that frees them: each answer
 * given by @threshold people or more (a threshold below
 * %ABIERTO_PRIVACY_MIN_THRESHOLD is taken as that), in @order; then the
 * answers given by fewer, together in one cell, there only when there
 * are some (a rare answer could name the one person who gave it, even
 * with its count hidden); and the people with none last, a cell that is
 * there even when nobody is in it. */
GPtrArray           *abierto_privacy_tally_dup_genders   (const AbiertoPrivacyTally *tally,
                                                          guint                      threshold,
                                                          AbiertoPrivacyOrder        order);

/* Adds the people of a cell to an earlier one whose value is the same
 * answer, such as a band someone wrote as “Not recorded”, and drops it:
 * no value is then there twice, as a table with the value as its key
 * needs. */
void                 abierto_privacy_cells_merge         (GPtrArray                 *cells);

/* abierto_privacy_suppress() on the counts of @cells, an array of
 * AbiertoPrivacyCell: marks the cells that may not be shown and sets
 * their count to 0. Returns the number suppressed. */
guint                abierto_privacy_cells_suppress      (GPtrArray                 *cells,
                                                          guint                      threshold,
                                                          gboolean                   total_shown);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AbiertoPrivacyTally, abierto_privacy_tally_free)

/* The simplified privacy notice ("aviso de privacidad simplificado") a
 * workshop file starts with, in the current language: who is
 * responsible, what is recorded, what for, and how to exercise the ARCO
 * rights. The institution edits it; the store keeps every version. */
char    *abierto_privacy_dup_default_notice (void);

G_END_DECLS
