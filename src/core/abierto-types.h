/* abierto-types.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AbiertoGroup:
 *
 * The group a session was held with.
 */
typedef enum
{
  ABIERTO_GROUP_OLDER_ADULTS,
  ABIERTO_GROUP_WOMEN_REENTRY,
  ABIERTO_GROUP_CHILDREN,
  ABIERTO_GROUP_MIXED,
} AbiertoGroup;

#define ABIERTO_N_GROUPS 4

/**
 * AbiertoMethod:
 *
 * How a voting round is counted.
 */
typedef enum
{
  ABIERTO_METHOD_DOT,
  ABIERTO_METHOD_APPROVAL,
  ABIERTO_METHOD_SCALE,
  ABIERTO_METHOD_RANKING,
  ABIERTO_METHOD_TALLY,
} AbiertoMethod;

#define ABIERTO_N_METHODS 5

typedef enum
{
  ABIERTO_CONSENT_SELF,
  ABIERTO_CONSENT_GUARDIAN,
} AbiertoConsent;

#define ABIERTO_TYPE_GROUP   (abierto_group_get_type ())
#define ABIERTO_TYPE_METHOD  (abierto_method_get_type ())
#define ABIERTO_TYPE_CONSENT (abierto_consent_get_type ())

GType        abierto_group_get_type     (void) G_GNUC_CONST;
GType        abierto_method_get_type    (void) G_GNUC_CONST;
GType        abierto_consent_get_type   (void) G_GNUC_CONST;

/* Stable machine names, as stored in the file and used by the CLI. */
const char  *abierto_group_to_string    (AbiertoGroup    group);
gboolean     abierto_group_from_string  (const char     *str,
                                         AbiertoGroup   *group);
const char  *abierto_method_to_string   (AbiertoMethod   method);
gboolean     abierto_method_from_string (const char     *str,
                                         AbiertoMethod  *method);
const char  *abierto_consent_to_string  (AbiertoConsent  consent);
gboolean     abierto_consent_from_string (const char    *str,
                                          AbiertoConsent *consent);

/* Translated names for people. */
const char  *abierto_group_get_label    (AbiertoGroup    group);
const char  *abierto_method_get_label   (AbiertoMethod   method);

G_END_DECLS
