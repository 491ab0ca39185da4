/* fuzz-wal.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workshop file with a -wal file beside it, as a crash or a copy leaves
 * them, both from the input:
 *
 *   byte 0      options: bit 0 set leaves the WAL as it is; clear, every
 *               frame gets the salts of the WAL header and the checksums
 *               SQLite expects, so that the pages the fuzzer wrote are
 *               read rather than dropped as torn
 *   bytes 1-4   n, the length of the workshop file (little-endian)
 *   n bytes     the workshop file (fewer if the input ends first)
 *   the rest    the -wal file (it is written even when empty)
 *
 * Whatever opens is checked, read the way the window reads it, through a
 * reader too, and closed; then it must open again, alone. A refusal must
 * leave the file and its -wal byte for byte as they were, and no -shm
 * beside them. Nothing may crash, hang or leak.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fuzz.h"
#include "fuzz-store.h"

#define WAL_MAGIC 0x377f0682
#define WAL_HEADER_SIZE 32
#define WAL_FRAME_HEADER_SIZE 24

static guint32
get_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* SQLite's WAL checksum: 32-bit words, big-endian when bit 0 of the
 * magic number is set, summed in pairs into a running checksum. */
static void
wal_checksum (gboolean      big_endian,
              const guint8 *data,
              gsize         len,
              guint32      *s0,
              guint32      *s1)
{
  gsize i;

  for (i = 0; i + 8 <= len; i += 8)
    {
      guint32 x0, x1;

      if (big_endian)
        {
          x0 = get_be32 (data + i);
          x1 = get_be32 (data + i + 4);
        }
      else
        {
          memcpy (&x0, data + i, 4);
          memcpy (&x1, data + i + 4, 4);
          x0 = GUINT32_FROM_LE (x0);
          x1 = GUINT32_FROM_LE (x1);
        }
      *s0 += x0 + *s1;
      *s1 += x1 + *s0;
    }
}

/* Gives every whole frame the header's salts and the running checksums,
 * as SQLite wrote them. A header that is not a WAL's is left as it is. */
static void
seal_wal (guint8 *wal,
          gsize   len)
{
  guint32 magic, page_size, s0 = 0, s1 = 0;
  gboolean big_endian;
  gsize off;

  if (len < WAL_HEADER_SIZE)
    return;

  magic = get_be32 (wal);
  page_size = get_be32 (wal + 8);
  if ((magic & ~1u) != WAL_MAGIC || page_size < 512 || page_size > 65536
      || (page_size & (page_size - 1)) != 0)
    return;
  big_endian = (magic & 1) != 0;

  wal_checksum (big_endian, wal, 24, &s0, &s1);
  put_be32 (wal + 24, s0);
  put_be32 (wal + 28, s1);

  for (off = WAL_HEADER_SIZE; off + WAL_FRAME_HEADER_SIZE + page_size <= len;
       off += WAL_FRAME_HEADER_SIZE + page_size)
    {
      memcpy (wal + off + 8, wal + 16, 8);
      wal_checksum (big_endian, wal + off, 8, &s0, &s1);
      wal_checksum (big_endian, wal + off + WAL_FRAME_HEADER_SIZE, page_size, &s0, &s1);
      put_be32 (wal + off + 16, s0);
      put_be32 (wal + off + 20, s1);
    }
}

/* as fuzz-open.c reads them */
static void
assert_same_bytes (const char   *path,
                   const guint8 *data,
                   gsize         size)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    g_error ("a refused file is gone: %s", path);
  if (len != size || (size > 0 && memcmp (contents, data, size) != 0))
    g_error ("a refused file was changed: %s", path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path = fuzz_store_get_path ("fuzz-wal");
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm_path = g_strconcat (path, "-shm", NULL);
  g_autofree guint8 *wal = NULL;
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *db;
  gsize db_len, wal_len;
  guint8 options;

  if (size < 5)
    return 0;

  options = data[0];
  db_len = (gsize) data[1] | (gsize) data[2] << 8 | (gsize) data[3] << 16
           | (gsize) data[4] << 24;
  db = data + 5;
  db_len = MIN (db_len, size - 5);
  wal_len = size - 5 - db_len;
  wal = g_memdup2 (db + db_len, wal_len);
  if ((options & 1) == 0)
    seal_wal (wal, wal_len);

  fuzz_store_remove_files (path);
  if (!g_file_set_contents_full (path, (const char *) db, db_len,
                                 G_FILE_SET_CONTENTS_NONE, 0600, NULL)
      || !g_file_set_contents_full (wal_path, (const char *) wal, wal_len,
                                    G_FILE_SET_CONTENTS_NONE, 0600, NULL))
    g_error ("could not write %s", path);

  store = abierto_store_open (path, &error);
  if (store == NULL)
    {
      /* refused: left as it was */
      assert_same_bytes (path, db, db_len);
      assert_same_bytes (wal_path, wal, wal_len);
      if (g_file_test (shm_path, G_FILE_TEST_EXISTS))
        g_error ("a refused file got a -shm file: %s", error->message);
    }
  else
    {
      g_autoptr(AbiertoStore) reader = NULL;
      g_autofree char *verdict = NULL;
      gboolean healthy = FALSE;

      abierto_store_check (store, &healthy, &verdict, NULL);
      fuzz_store_read_all (store);

      reader = abierto_store_open_reader (store, NULL);
      if (reader != NULL)
        {
          fuzz_store_read_all (reader);
          abierto_store_close (reader, NULL);
        }
      abierto_store_close (store, NULL);
      g_clear_object (&store);

      /* closing folded the WAL into the file, which holds all now */
      store = abierto_store_open (path, &error);
      if (store == NULL)
        g_error ("a file that opened was refused once closed: %s", error->message);
      fuzz_store_read_all (store);
      abierto_store_close (store, NULL);
    }

  fuzz_store_remove_files (path);
  return 0;
}
