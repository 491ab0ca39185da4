/* abierto-view-util.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "abierto-view-util.h"

void
abierto_show_toast (GtkWidget  *widget,
                    const char *message)
{
  g_autofree char *escaped = NULL;
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }

  /* A toast's title is markup, and messages may quote what people typed. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

void
abierto_list_store_sync (GListStore *list,
                         GListModel *fresh,
                         GEqualFunc  equal)
{
  g_autoptr(GPtrArray) items = NULL;
  guint n_old, n_new, prefix = 0, suffix = 0;

  g_return_if_fail (G_IS_LIST_STORE (list));
  g_return_if_fail (G_IS_LIST_MODEL (fresh));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  n_new = g_list_model_get_n_items (fresh);

  while (prefix < n_old && prefix < n_new)
    {
      g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (list), prefix);
      g_autoptr(GObject) b = g_list_model_get_item (fresh, prefix);

      if (!equal (a, b))
        break;
      prefix++;
    }

  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (list), n_old - 1 - suffix);
      g_autoptr(GObject) b = g_list_model_get_item (fresh, n_new - 1 - suffix);

      if (!equal (a, b))
        break;
      suffix++;
    }

  if (prefix + suffix == n_old && n_old == n_new)
    return;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = prefix; i < n_new - suffix; i++)
    g_ptr_array_add (items, g_list_model_get_item (fresh, i));

  g_list_store_splice (list, prefix, n_old - prefix - suffix, items->pdata, items->len);
}

char *
abierto_round_dup_label (AbiertoRound *round,
                         guint         position)
{
  const char *title = abierto_round_get_title (round);
  const char *method = abierto_method_get_label (abierto_round_get_method (round));

  if (title != NULL && *title != '\0')
    /* Translators: a voting round in a selector: its title, then its method */
    return g_strdup_printf (_("%s · %s"), title, method);

  /* Translators: a voting round without a title: its number, then its method */
  return g_strdup_printf (_("Round %u · %s"), position + 1, method);
}

char *
abierto_format_dot_symbols (guint total,
                            guint left)
{
  GString *string = g_string_new (NULL);

  left = MIN (left, total);
  for (guint i = 0; i < total - left; i++)
    g_string_append (string, "●");
  for (guint i = 0; i < left; i++)
    g_string_append (string, "○");

  return g_string_free (string, FALSE);
}
