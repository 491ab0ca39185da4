/* make-demo-file.c: writes a small workshop file for screenshots
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "abierto-store.h"

typedef struct
{
  const char   *title;
  AbiertoGroup  group;
  const char   *date;
  const char   *place;
} DemoSession;

static const DemoSession demo_sessions[] = {
  { "Calles seguras para caminar", ABIERTO_GROUP_OLDER_ADULTS, "2026-03-14",
    "Casa de Cultura, Alcaldía Coyoacán" },
  { "Mi escuela, mi parque", ABIERTO_GROUP_CHILDREN, "2026-02-20",
    "Escuela Primaria Benito Juárez, Iztapalapa" },
  { "Trabajo y regreso a casa", ABIERTO_GROUP_WOMEN_REENTRY, "2026-01-30",
    "Centro Femenil de Reinserción Social Santa Martha Acatitla" },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AbiertoStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE.abierto\n", argv[0]);
      return 2;
    }

  store = abierto_store_open (argv[1], &error);
  if (store == NULL)
    goto fail;

  for (guint i = 0; i < G_N_ELEMENTS (demo_sessions); i++)
    {
      g_autoptr(AbiertoSession) session = abierto_session_new (demo_sessions[i].title,
                                                               demo_sessions[i].group);

      abierto_session_set_date (session, demo_sessions[i].date);
      abierto_session_set_place (session, demo_sessions[i].place);
      if (!abierto_store_add_session (store, session, &error))
        goto fail;
    }

  if (!abierto_store_close (store, &error))
    goto fail;

  return 0;

fail:
  g_printerr ("%s: %s\n", argv[1], error->message);
  return 1;
}
