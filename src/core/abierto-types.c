/* abierto-types.c
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "abierto-core"

#include "config.h"

#include <glib/gi18n.h>

#include "abierto-types.h"

/* The nicks are the stable machine names: they are written to files
 * and accepted by the CLI, so they must never change.
 */
G_DEFINE_ENUM_TYPE (AbiertoGroup, abierto_group,
                    G_DEFINE_ENUM_VALUE (ABIERTO_GROUP_OLDER_ADULTS, "older-adults"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_GROUP_WOMEN_REENTRY, "women-reentry"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_GROUP_CHILDREN, "children"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_GROUP_MIXED, "mixed"))

G_DEFINE_ENUM_TYPE (AbiertoMethod, abierto_method,
                    G_DEFINE_ENUM_VALUE (ABIERTO_METHOD_DOT, "dot"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_METHOD_APPROVAL, "approval"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_METHOD_SCALE, "scale"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_METHOD_RANKING, "ranking"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_METHOD_TALLY, "tally"))

G_DEFINE_ENUM_TYPE (AbiertoConsent, abierto_consent,
                    G_DEFINE_ENUM_VALUE (ABIERTO_CONSENT_SELF, "self"),
                    G_DEFINE_ENUM_VALUE (ABIERTO_CONSENT_GUARDIAN, "guardian"))

static const char *
enum_to_string (GType enum_type,
                int   value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;

  /* Classes of static types are never finalized, so the nick stays
   * valid after the unref.
   */
  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);
  g_type_class_unref (klass);

  g_return_val_if_fail (enum_value != NULL, NULL);

  return enum_value->value_nick;
}

static gboolean
enum_from_string (GType       enum_type,
                  const char *str,
                  int        *value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;

  g_assert (value != NULL);

  if (str == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, str);
  g_type_class_unref (klass);

  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;

  return TRUE;
}

const char *
abierto_group_to_string (AbiertoGroup group)
{
  return enum_to_string (ABIERTO_TYPE_GROUP, group);
}

gboolean
abierto_group_from_string (const char   *str,
                           AbiertoGroup *group)
{
  int value;

  g_return_val_if_fail (group != NULL, FALSE);

  if (!enum_from_string (ABIERTO_TYPE_GROUP, str, &value))
    return FALSE;

  *group = value;

  return TRUE;
}

const char *
abierto_method_to_string (AbiertoMethod method)
{
  return enum_to_string (ABIERTO_TYPE_METHOD, method);
}

gboolean
abierto_method_from_string (const char    *str,
                            AbiertoMethod *method)
{
  int value;

  g_return_val_if_fail (method != NULL, FALSE);

  if (!enum_from_string (ABIERTO_TYPE_METHOD, str, &value))
    return FALSE;

  *method = value;

  return TRUE;
}

const char *
abierto_consent_to_string (AbiertoConsent consent)
{
  return enum_to_string (ABIERTO_TYPE_CONSENT, consent);
}

gboolean
abierto_consent_from_string (const char     *str,
                             AbiertoConsent *consent)
{
  int value;

  g_return_val_if_fail (consent != NULL, FALSE);

  if (!enum_from_string (ABIERTO_TYPE_CONSENT, str, &value))
    return FALSE;

  *consent = value;

  return TRUE;
}

const char *
abierto_group_get_label (AbiertoGroup group)
{
  switch (group)
    {
    case ABIERTO_GROUP_OLDER_ADULTS:
      return _("Older adults");

    case ABIERTO_GROUP_WOMEN_REENTRY:
      return _("Women in prison or reentry");

    case ABIERTO_GROUP_CHILDREN:
      return _("Primary school children");

    case ABIERTO_GROUP_MIXED:
      return _("Mixed group");
    }

  g_return_val_if_reached (NULL);
}

const char *
abierto_method_get_label (AbiertoMethod method)
{
  switch (method)
    {
    case ABIERTO_METHOD_DOT:
      return _("Dot voting");

    case ABIERTO_METHOD_APPROVAL:
      return _("Approval");

    case ABIERTO_METHOD_SCALE:
      return _("Scale");

    case ABIERTO_METHOD_RANKING:
      return _("Ranking");

    case ABIERTO_METHOD_TALLY:
      return _("Hand count");
    }

  g_return_val_if_reached (NULL);
}
