/* abierto-undo-stack.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-ui"

#include "config.h"

#include "abierto-undo-stack.h"

/* Enough for a workshop; the oldest actions fall off the bottom. */
#define MAX_ENTRIES 100

typedef struct
{
  char            *label;
  AbiertoUndoFunc  func;
  gpointer         user_data;
  GDestroyNotify   destroy;
} Entry;

struct _AbiertoUndoStack
{
  GObject  parent_instance;

  GQueue   entries;  /* of owned Entry, newest at the head */
};

G_DEFINE_FINAL_TYPE (AbiertoUndoStack, abierto_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->user_data);
  g_free (entry->label);
  g_free (entry);
}

static void
abierto_undo_stack_finalize (GObject *object)
{
  AbiertoUndoStack *self = (AbiertoUndoStack *)object;

  g_queue_clear_full (&self->entries, entry_free);

  G_OBJECT_CLASS (abierto_undo_stack_parent_class)->finalize (object);
}

static void
abierto_undo_stack_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AbiertoUndoStack *self = ABIERTO_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, abierto_undo_stack_can_undo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
abierto_undo_stack_class_init (AbiertoUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = abierto_undo_stack_finalize;
  object_class->get_property = abierto_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
abierto_undo_stack_init (AbiertoUndoStack *self)
{
  g_queue_init (&self->entries);
}

AbiertoUndoStack *
abierto_undo_stack_new (void)
{
  return g_object_new (ABIERTO_TYPE_UNDO_STACK, NULL);
}

void
abierto_undo_stack_push (AbiertoUndoStack *self,
                         const char       *label,
                         AbiertoUndoFunc   func,
                         gpointer          user_data,
                         GDestroyNotify    destroy)
{
  gboolean was_empty;
  Entry *entry;

  g_return_if_fail (ABIERTO_IS_UNDO_STACK (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (func != NULL);

  was_empty = g_queue_is_empty (&self->entries);

  entry = g_new0 (Entry, 1);
  entry->label = g_strdup (label);
  entry->func = func;
  entry->user_data = user_data;
  entry->destroy = destroy;
  g_queue_push_head (&self->entries, entry);

  while (g_queue_get_length (&self->entries) > MAX_ENTRIES)
    entry_free (g_queue_pop_tail (&self->entries));

  if (was_empty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

gboolean
abierto_undo_stack_can_undo (AbiertoUndoStack *self)
{
  g_return_val_if_fail (ABIERTO_IS_UNDO_STACK (self), FALSE);

  return !g_queue_is_empty (&self->entries);
}

gboolean
abierto_undo_stack_undo (AbiertoUndoStack  *self,
                         char             **label,
                         GError           **error)
{
  Entry *entry;
  gboolean ok;

  g_return_val_if_fail (ABIERTO_IS_UNDO_STACK (self), FALSE);

  entry = g_queue_pop_head (&self->entries);
  if (entry == NULL)
    return TRUE;

  /* dropped whether or not it works: an undo that failed once (the row
   * is gone, the file is read-only) would fail again */
  ok = entry->func (entry->user_data, error);
  if (ok && label != NULL)
    *label = g_strdup (entry->label);
  entry_free (entry);

  if (g_queue_is_empty (&self->entries))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);

  return ok;
}

void
abierto_undo_stack_clear (AbiertoUndoStack *self)
{
  g_return_if_fail (ABIERTO_IS_UNDO_STACK (self));

  if (g_queue_is_empty (&self->entries))
    return;

  g_queue_clear_full (&self->entries, entry_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}
