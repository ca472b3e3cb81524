/* SPDX-License-Identifier: MIT */
/*
 * common.h — what every argraph header shares: the export macro, the status
 * codes every fallible call returns, and a source position.
 *
 * Ownership rule for the whole public API: a returned `const` pointer is
 * borrowed from the object that produced it and stays valid until that
 * object is freed; a returned non-const `char *` belongs to the caller and is
 * released with argraph_free().
 */
#ifndef ARGRAPH_COMMON_H
#define ARGRAPH_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(ARGRAPH_STATIC) || !defined(__GNUC__)
#define ARGRAPH_API
#else
#define ARGRAPH_API __attribute__((visibility("default")))
#endif

/** Result of every call that can fail. Zero is success; failures are negative. */
typedef enum argraph_status {
	ARGRAPH_OK = 0,
	ARGRAPH_ERROR = -1,     /**< unspecified failure (details in the diags) */
	ARGRAPH_ENOMEM = -2,    /**< an allocation failed */
	ARGRAPH_EIO = -3,       /**< a file could not be read or written */
	ARGRAPH_EPARSE = -4,    /**< input is not well-formed (XML, rules, schema) */
	ARGRAPH_EINVALID = -5,  /**< input is well-formed but not what we can use */
	ARGRAPH_ENOTFOUND = -6, /**< a looked-up thing does not exist */
	ARGRAPH_ETOOBIG = -7    /**< input exceeds a configured limit */
} argraph_status;

/** Sentinel index for "no such node/edge/item". */
#define ARGRAPH_NONE ((size_t)-1)

/**
 * A place in an input file. Lines and columns count from 1; 0 means unknown.
 * The strings are borrowed from whoever made the position.
 */
typedef struct argraph_pos {
	const char *file;   /**< path as given by the user, or NULL */
	unsigned line;      /**< 1-based line, 0 if unknown */
	unsigned column;    /**< 1-based column in characters, 0 if unknown */
	const char *xml_id; /**< nearest enclosing xml:id, or NULL */
} argraph_pos;

/** Human-readable name of a status ("ok", "out of memory", ...). Never NULL. */
ARGRAPH_API const char *argraph_status_name(argraph_status st);

/** Release a `char *` the library handed to the caller. NULL is fine. */
ARGRAPH_API void argraph_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
