/* fuzz-open.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes as a workshop file: opening may refuse them, and whatever
 * opens is checked and read the way the window reads it. Nothing may
 * crash, hang or leak.
 */

#include "config.h"

#include "fuzz.h"
#include "fuzz-store.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = fuzz_store_get_path ("fuzz-open");
  g_autoptr(AbiertoStore) store = NULL;
  g_autofree char *verdict = NULL;
  gboolean healthy = FALSE;

  fuzz_store_remove_files (path);
  if (!g_file_set_contents_full (path, (const char *) data, size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    g_error ("could not write %s", path);

  store = abierto_store_open (path, NULL);
  if (store != NULL)
    {
      abierto_store_check (store, &healthy, &verdict, NULL);
      fuzz_store_read_all (store);
      abierto_store_close (store, NULL);
    }

  fuzz_store_remove_files (path);
  return 0;
}
