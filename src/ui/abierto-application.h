/* abierto-application.h
 *
 * Copyright 2026 The Abierto developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ABIERTO_TYPE_APPLICATION (abierto_application_get_type ())

G_DECLARE_FINAL_TYPE (AbiertoApplication, abierto_application, ABIERTO, APPLICATION, AdwApplication)

AbiertoApplication *abierto_application_new (void);

G_END_DECLS
