/* main.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "abierto-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AbiertoApplication) app = NULL;
  const char *localedir;

  /* Lets an uninstalled build (meson devenv, tests) find its translations. */
  localedir = g_getenv ("ABIERTO_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = abierto_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
