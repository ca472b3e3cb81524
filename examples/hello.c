/* hello.c — the smallest program against libargraph: read a TEI file,
 * extract its graph, print its JSON. Build against an installed argraph:
 *   cc hello.c $(pkg-config --cflags --libs argraph) -o hello
 */
#include <stdio.h>

#include <argraph/argraph.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: hello FILE.tei.xml\n");
		return 2;
	}
	argraph_diags *diags = NULL;
	argraph_doc *doc = NULL;
	argraph_graph *g = NULL;
	char *json = NULL;
	int rc = 3;
	if (argraph_diags_new(&diags) != ARGRAPH_OK)
		return 3;
	if (argraph_tei_read_file(&doc, argv[1], NULL, diags) != ARGRAPH_OK)
		goto done;
	if (argraph_graph_new(&g) != ARGRAPH_OK
	    || argraph_extract_structure(g, doc, NULL, diags) != ARGRAPH_OK
	    || argraph_json_to_string(&json, g, diags) != ARGRAPH_OK)
		goto done;
	fputs(json, stdout);
	rc = 0;
done:
	argraph_diags_print(diags, stderr);
	argraph_free(json);
	argraph_graph_free(g);
	argraph_doc_free(doc);
	argraph_diags_free(diags);
	argraph_tei_cleanup();
	return rc;
}
