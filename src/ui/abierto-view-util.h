/* abierto-view-util.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "abierto-store.h"

G_BEGIN_DECLS

/* Shows @message (plain text) in the AdwToastOverlay above @widget. */
void     abierto_show_toast          (GtkWidget   *widget,
                                      const char  *message);

/* Makes @list hold the items of @fresh, replacing only the range that
 * differs, so that rows kept on show keep their focus and scroll. */
void     abierto_list_store_sync     (GListStore  *list,
                                      GListModel  *fresh,
                                      GEqualFunc   equal);

/* What a round is called in selectors: its title, or “Round 2 · Dot voting”. */
char    *abierto_round_dup_label     (AbiertoRound *round,
                                      guint         position);

/* “●●○”: @total dots, of which @left not given yet. */
char    *abierto_format_dot_symbols  (guint        total,
                                      guint        left);

G_END_DECLS
