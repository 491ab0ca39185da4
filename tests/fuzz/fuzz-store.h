/* fuzz-store.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the fuzz targets of the workshop file share: where they write the
 * file, how they clean up, and how they read everything a file holds.
 */

#pragma once

#include "abierto-store.h"

/* "taller.abierto" in a folder of its own, made once per process and
 * named after @target */
const char *fuzz_store_get_path     (const char   *target);
/* the file and every side file SQLite may leave beside it */
void        fuzz_store_remove_files (const char   *path);
/* every session: participants, proposals, commitments, rounds and their
 * results, as the window and the exports read them */
void        fuzz_store_read_all     (AbiertoStore *store);
