/* abierto-demo.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "abierto-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint   sessions;      /* sessions to write */
  guint   proposals;     /* per session */
  guint   participants;  /* per session */
  guint64 votes;         /* vote rows per session */
  guint32 seed;
} AbiertoDemoOptions;

typedef struct
{
  guint64 sessions;
  guint64 proposals;
  guint64 participants;
  guint64 votes;
} AbiertoDemoStats;

gboolean abierto_demo_generate (AbiertoStore              *store,
                                const AbiertoDemoOptions  *options,
                                AbiertoDemoStats          *stats,
                                GError                   **error);

G_END_DECLS
