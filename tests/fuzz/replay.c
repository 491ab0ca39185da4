/* replay.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds every file of the folders named on the command line (the seed
 * corpus and the crashes fuzzing found) to a fuzz target once, so that
 * the normal test suite, sanitizers included, runs them without clang.
 *
 *   replay-TARGET DIR…
 */

#include "config.h"

#include <stdio.h>

#include <glib.h>

#include "fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  guint n_inputs = 0;
  int i;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s DIR…\n", argv[0]);
      return 2;
    }

  for (i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;
      guint j;

      /* a target without regressions has no folder for them */
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        continue;

      dir = g_dir_open (argv[i], 0, &error);
      if (dir == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_names);

      for (j = 0; j < names->len; j++)
        {
          const char *path = g_ptr_array_index (names, j);
          g_autofree char *contents = NULL;
          gsize len = 0;

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          if (!g_file_get_contents (path, &contents, &len, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }

          printf ("%s\n", path);
          fflush (stdout);
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
          n_inputs++;
        }
    }

  printf ("%u inputs, no crash\n", n_inputs);
  return n_inputs > 0 ? 0 : 1;
}
