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

/* The simplified privacy notice ("aviso de privacidad simplificado") a
 * workshop file starts with, in the current language: who is
 * responsible, what is recorded, what for, and how to exercise the ARCO
 * rights. The institution edits it; the store keeps every version. */
char    *abierto_privacy_dup_default_notice (void);

G_END_DECLS
