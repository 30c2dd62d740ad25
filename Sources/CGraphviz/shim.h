// Graphviz's public C API (libgvc + libcgraph), imported into Swift as `CGraphviz`.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

// cgraph takes `char *` for strings it only reads (and copies); these const-correct wrappers let
// Swift pass its strings directly.

static inline Agsym_t *gvz_attr(Agraph_t *g, int kind, const char *name, const char *value) {
    return agattr(g, kind, (char *)name, (char *)value);
}

static inline int gvz_safeset(void *obj, const char *name, const char *value, const char *def) {
    return agsafeset(obj, (char *)name, (char *)value, (char *)def);
}

static inline char *gvz_get(void *obj, const char *name) {
    return agget(obj, (char *)name);
}

static inline int gvz_xset(void *obj, Agsym_t *sym, const char *value) {
    return agxset(obj, sym, (char *)value);
}
