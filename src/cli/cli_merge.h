/* SPDX-License-Identifier: MIT */
/* cli_merge.h — the corpus commands: `argraph jsonl` (TEI files → one JSON
 * line per document) and `argraph merge` (JSON Lines shards → one graph).
 * Kept apart from cli.h so they can be wired into main.c on their own. */
#ifndef ARGRAPH_CLI_MERGE_H
#define ARGRAPH_CLI_MERGE_H

int cmd_merge(int argc, char **argv);
int cmd_jsonl(int argc, char **argv);

#endif
