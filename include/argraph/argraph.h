/* SPDX-License-Identifier: MIT */
/* argraph.h — umbrella header and version. */
#ifndef ARGRAPH_H
#define ARGRAPH_H

#include "common.h"
#include "diag.h"
#include "doc.h"
#include "tei.h"
#include "graph.h"
#include "extract.h"
#include "export.h"
#include "schema.h"
#include "rules.h"
#include "audit.h"
#include "merge.h"

#define ARGRAPH_VERSION_MAJOR 0
#define ARGRAPH_VERSION_MINOR 1
#define ARGRAPH_VERSION_PATCH 0
#define ARGRAPH_VERSION_STRING "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif
/** Version of the library at run time (may differ from the header's). */
ARGRAPH_API const char *argraph_version(void);
#ifdef __cplusplus
}
#endif
#endif
