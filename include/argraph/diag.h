/* SPDX-License-Identifier: MIT */
/*
 * diag.h — diagnostics: an explicit sink that every input-reading call
 * fills instead of printing. The library never prints and never exits; the
 * CLI prints the sink as `file:line:col: severity: message [code]`.
 *
 * Ownership: an argraph_diags owns copies of every string added to it.
 */
#ifndef ARGRAPH_DIAG_H
#define ARGRAPH_DIAG_H

#include <stdio.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum argraph_severity {
	ARGRAPH_SEV_NOTE = 0,
	ARGRAPH_SEV_WARNING = 1,
	ARGRAPH_SEV_ERROR = 2
} argraph_severity;

/** One diagnostic. All strings are owned by the sink. */
typedef struct argraph_diag {
	argraph_severity severity;
	const char *code;    /**< stable machine code, e.g. "tei.malformed" */
	argraph_pos pos;     /**< where in the input */
	const char *message; /**< one line of text, no trailing newline */
} argraph_diag;

typedef struct argraph_diags argraph_diags;

/** Make an empty sink. *Errors:* ARGRAPH_ENOMEM. */
ARGRAPH_API argraph_status argraph_diags_new(argraph_diags **out);
/** Free the sink and every diagnostic in it. NULL is fine. */
ARGRAPH_API void argraph_diags_free(argraph_diags *d);

/**
 * Add a diagnostic; printf-style message. A NULL sink is accepted and
 * ignored, so callers that do not care may pass NULL.
 * @return ARGRAPH_OK or ARGRAPH_ENOMEM.
 */
ARGRAPH_API argraph_status argraph_diags_add(argraph_diags *d,
	argraph_severity sev, const char *code, const argraph_pos *pos,
	const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 5, 6)))
#endif
	;

ARGRAPH_API size_t argraph_diags_count(const argraph_diags *d);
/** *Ownership:* borrowed; valid until the sink is freed. NULL if out of range. */
ARGRAPH_API const argraph_diag *argraph_diags_at(const argraph_diags *d, size_t i);
/** Number of diagnostics at or above `sev`. */
ARGRAPH_API size_t argraph_diags_count_at_least(const argraph_diags *d,
	argraph_severity sev);
/** Drop all diagnostics (the sink stays usable). */
ARGRAPH_API void argraph_diags_clear(argraph_diags *d);

/** Write every diagnostic as `file:line[:col]: severity: message [code]`. */
ARGRAPH_API void argraph_diags_print(const argraph_diags *d, FILE *out);
/** Name of a severity: "note", "warning", "error". */
ARGRAPH_API const char *argraph_severity_name(argraph_severity sev);

#ifdef __cplusplus
}
#endif
#endif
