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

// The node an edge points to (cgraph's `aghead` is a macro, which Swift cannot call).
static inline Agnode_t *gvz_head(Agedge_t *e) {
    return aghead(e);
}

// ---------------------------------------------------------------------------------------------
// Sequential object ids.
//
// cgraph's default id discipline (AgIdDisc) makes a named object's id the address of its interned
// name string, and keeps subgraphs in a dictionary ordered by id; so the order agfstsubg/
// agnxtsubg visit subgraphs in (the order dot lays out clusters and the SVG writer emits them)
// follows heap addresses and changes from run to run. This discipline gives every object an id
// from one counter per root graph instead, in creation order: subgraphs come back in the order
// the DOT declares them. Named objects get even ids (seq << 1), anonymous ones odd ids
// (seq << 1 | 1), so `print` can tell them apart like the default does; ids are never 0, which
// cgraph treats as a wildcard when looking edges up. A name keeps its id until the root graph
// is closed, whatever its type (like the default, where one string has one address).

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char **names;         // names[seq]: the name given id seq, NULL for anonymous ids; [0] unused
    size_t count;         // the next seq to hand out (starts at 1)
    size_t capacity;      // allocated entries of `names`
    size_t *slots;        // open-addressing hash of named seqs by name; 0 marks an empty slot
    size_t slotMask;      // slot count - 1 (a power of two)
    size_t namedCount;    // named entries in `slots`
} gvz_idstate;

static inline size_t gvz_idhash(const char *str) {
    uint64_t hash = 14695981039346656037ull;  // FNV-1a
    for (const unsigned char *p = (const unsigned char *)str; *p; p++) {
        hash = (hash ^ *p) * 1099511628211ull;
    }
    return (size_t)hash;
}

static inline void *gvz_idopen(Agraph_t *g, Agdisc_t *disc) {
    (void)g;
    (void)disc;
    gvz_idstate *state = calloc(1, sizeof(gvz_idstate));
    if (!state) return NULL;
    state->count = 1;
    return state;
}

// The slot holding `str`, or the empty slot where it belongs.
static inline size_t *gvz_idslot(gvz_idstate *state, const char *str) {
    size_t index = gvz_idhash(str) & state->slotMask;
    while (state->slots[index] != 0 && strcmp(state->names[state->slots[index]], str) != 0) {
        index = (index + 1) & state->slotMask;
    }
    return &state->slots[index];
}

// Reserves the next seq for `name` (owned by the state from here on; NULL for anonymous).
static inline int gvz_idappend(gvz_idstate *state, char *name, size_t *seq) {
    if (state->count >= state->capacity) {
        size_t capacity = state->capacity ? state->capacity * 2 : 64;
        char **names = realloc(state->names, capacity * sizeof(char *));
        if (!names) return 0;
        state->names = names;
        state->capacity = capacity;
    }
    state->names[state->count] = name;
    *seq = state->count++;
    return 1;
}

// Keeps the hash table at most half full.
static inline int gvz_idreserveslot(gvz_idstate *state) {
    size_t slotCount = state->slots ? state->slotMask + 1 : 0;
    if (2 * (state->namedCount + 1) <= slotCount) return 1;
    size_t newCount = slotCount ? slotCount * 2 : 128;
    size_t *slots = calloc(newCount, sizeof(size_t));
    if (!slots) return 0;
    size_t *old = state->slots;
    state->slots = slots;
    state->slotMask = newCount - 1;
    for (size_t i = 0; i < slotCount; i++) {
        if (old[i] != 0) *gvz_idslot(state, state->names[old[i]]) = old[i];
    }
    free(old);
    return 1;
}

static inline long gvz_idmap(void *raw, int objtype, char *str, IDTYPE *id, int createflag) {
    (void)objtype;
    gvz_idstate *state = raw;
    if (!state) return 0;
    size_t seq;
    if (!str) {  // anonymous: always a new id
        if (!gvz_idappend(state, NULL, &seq)) return 0;
        *id = ((IDTYPE)seq << 1) | 1;
        return 1;
    }
    if (state->slots) {
        size_t *slot = gvz_idslot(state, str);
        if (*slot != 0) {
            *id = (IDTYPE)*slot << 1;
            return 1;
        }
    }
    if (!createflag) return 0;  // no object was ever given this name
    if (!gvz_idreserveslot(state)) return 0;
    char *copy = strdup(str);
    if (!copy) return 0;
    if (!gvz_idappend(state, copy, &seq)) {
        free(copy);
        return 0;
    }
    *gvz_idslot(state, copy) = seq;
    state->namedCount++;
    *id = (IDTYPE)seq << 1;
    return 1;
}

// Callers may not choose ids (as with the default discipline).
static inline long gvz_idalloc(void *state, int objtype, IDTYPE id) {
    (void)state;
    (void)objtype;
    (void)id;
    return 0;
}

// Names are kept until the root graph closes, so a name re-created later gets its old id back.
static inline void gvz_idfree(void *state, int objtype, IDTYPE id) {
    (void)state;
    (void)objtype;
    (void)id;
}

static inline char *gvz_idprint(void *raw, int objtype, IDTYPE id) {
    (void)objtype;
    gvz_idstate *state = raw;
    if (!state || (id & 1) != 0) return NULL;  // anonymous: cgraph prints "%<id>"
    size_t seq = (size_t)(id >> 1);
    return seq < state->count ? state->names[seq] : NULL;
}

static inline void gvz_idclose(void *raw) {
    gvz_idstate *state = raw;
    if (!state) return;
    for (size_t seq = 1; seq < state->count; seq++) free(state->names[seq]);
    free(state->names);
    free(state->slots);
    free(state);
}

static inline void gvz_idregister(void *state, int objtype, void *obj) {
    (void)state;
    (void)objtype;
    (void)obj;
}

/// The discipline to read DOT with (`agread(stream, gvz_sequential_disc())`): cgraph's default
/// memory and I/O, and sequential ids, so subgraphs are visited in the order they were declared.
static inline Agdisc_t *gvz_sequential_disc(void) {
    static Agiddisc_t idDisc = {
        gvz_idopen, gvz_idmap, gvz_idalloc, gvz_idfree, gvz_idprint, gvz_idclose, gvz_idregister,
    };
    static Agdisc_t disc = {&AgMemDisc, &idDisc, &AgIoDisc};
    return &disc;
}

// ---------------------------------------------------------------------------------------------
// Text layout: embedded metrics for SVG and DOT, pango for PNG and PDF.
//
// libgvc measures every label through the "textlayout" plugin it selects when the context is
// created (the highest quality one installed). Graphviz's own is pango's, which loads pango,
// cairo and fontconfig and reads the machine's font configuration: ~20 ms of a cold render.
// GradViz installs this plugin as a builtin with a higher quality. It asks Swift's measurer
// (the embedded font metrics) first; text the metrics do not cover, and every span while a PNG
// or PDF is laid out (cairo draws the pango layout the measuring made), go to pango's plugin,
// loaded from Graphviz's plugin directory on first use. Without pango libgvc estimates the size
// itself.

#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_textlayout.h>
#include <dlfcn.h>
#include <stdio.h>

// dladdr is a GNU extension on glibc, declared only with _GNU_SOURCE (which would change other
// system types this module shares with Swift's), so it is declared here with glibc's Dl_info.
#if defined(__APPLE__) || defined(__USE_GNU)
typedef Dl_info gvz_dl_info;
#else
typedef struct {
    const char *dli_fname;
    void *dli_fbase;
    const char *dli_sname;
    void *dli_saddr;
} gvz_dl_info;
extern int dladdr(const void *address, gvz_dl_info *info);
#endif

/// Fills `span`'s size and offsets and returns 1, or returns 0 for text it does not cover.
typedef int (*gvz_measurer)(textspan_t *span);

typedef struct {
    gvz_measurer measurer;         // set by Swift
    int pangoOnly;                 // 1 while a PNG or PDF is laid out
    int pangoLoaded;               // pango's plugin was looked for (found or not)
    gvtextlayout_engine_t *pango;  // pango's engine, or NULL
    unsigned long pangoSpans;      // spans measured by pango since the last reset (for tests)
} gvz_textstate;

// Swift emits these inline functions, and so this static state, into every object file that
// calls them (a release build makes one per source file): so only GradVizRender's
// GraphvizSession.swift calls the functions that touch it (other files go through its wrappers).
static inline gvz_textstate *gvz_text_state(void) {
    static gvz_textstate state;
    return &state;
}

/// The font flags of a span (a bit field, so not visible to Swift directly).
static inline unsigned gvz_span_flags(const textspan_t *span) { return span->font ? span->font->flags : 0; }

/// Pango's textlayout engine from libgvplugin_pango in the directory libgvc reads its plugins
/// from (`graphviz/` next to libgvc itself), or NULL.
static inline gvtextlayout_engine_t *gvz_pango_engine(void) {
    gvz_textstate *state = gvz_text_state();
    if (state->pangoLoaded) return state->pango;
    state->pangoLoaded = 1;
    gvz_dl_info info;
    if (!dladdr((void *)gvContext, &info) || !info.dli_fname) return NULL;
    const char *slash = strrchr(info.dli_fname, '/');
    if (!slash) return NULL;
    static const char *names[] = {"libgvplugin_pango.so.6", "libgvplugin_pango.6.dylib", "libgvplugin_pango.so"};
    for (size_t index = 0; index < sizeof(names) / sizeof(names[0]); index++) {
        char path[4096];
        int length = snprintf(path, sizeof(path), "%.*s/graphviz/%s", (int)(slash - info.dli_fname), info.dli_fname,
                              names[index]);
        if (length <= 0 || (size_t)length >= sizeof(path)) continue;
        void *handle = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
        if (!handle) continue;
        gvplugin_library_t *library = dlsym(handle, "gvplugin_pango_LTX_library");
        for (gvplugin_api_t *api = library ? library->apis : NULL; api && api->types; api++) {
            if (api->api != API_textlayout) continue;
            for (gvplugin_installed_t *type = api->types; type->type; type++) {
                gvtextlayout_engine_t *engine = type->engine;
                if (engine && engine->textlayout) {
                    state->pango = engine;
                    return engine;
                }
            }
        }
        dlclose(handle);
    }
    return NULL;
}

/// Measures `span` with pango, or returns FALSE (libgvc then estimates the size).
static inline boolean gvz_pango_textlayout(textspan_t *span, char **fontpath) {
    gvtextlayout_engine_t *pango = gvz_pango_engine();
    if (!pango) return FALSE;
    gvz_text_state()->pangoSpans++;
    return pango->textlayout(span, fontpath);
}

static inline boolean gvz_textlayout(textspan_t *span, char **fontpath) {
    gvz_textstate *state = gvz_text_state();
    // An empty span: pango reports no size and libgvc estimates it (a zero width), so skip pango.
    if (!span->str || span->str[0] == 0) return FALSE;
    if (!state->pangoOnly && state->measurer && state->measurer(span)) {
        if (fontpath) *fontpath = (char *)"[GradViz embedded metrics]";
        return TRUE;
    }
    return gvz_pango_textlayout(span, fontpath);
}

/// The builtins to create the context with (`gvContextPlugins(gvz_builtins(), 1)`): the plugins
/// of Graphviz's configuration are still read, and this textlayout plugin outranks pango's.
static inline const lt_symlist_t *gvz_builtins(void) {
    static gvtextlayout_engine_t engine = {gvz_textlayout};
    static gvplugin_installed_t types[] = {{0, "textlayout", 1000, &engine, NULL}, {0, NULL, 0, NULL, NULL}};
    static gvplugin_api_t apis[] = {{API_textlayout, types}, {(api_t)0, NULL}};
    static gvplugin_library_t library = {"gradviz", apis};
    static lt_symlist_t builtins[] = {{"gvplugin_gradviz_LTX_library", &library}, {NULL, NULL}};
    return builtins;
}

static inline void gvz_set_measurer(gvz_measurer measurer) { gvz_text_state()->measurer = measurer; }
static inline void gvz_set_pango_only(int pangoOnly) { gvz_text_state()->pangoOnly = pangoOnly; }
static inline unsigned long gvz_pango_spans(void) { return gvz_text_state()->pangoSpans; }

/// Measures `text` with pango's plugin as libgvc would (for tests comparing the embedded
/// metrics with it): writes width, height, baseline and centre-line offset to `out` and returns
/// pango's verdict (0 when pango reports no size, or is not installed: then `out` is untouched).
static inline int gvz_pango_measure(const char *text, const char *fontName, double size, unsigned flags, double out[4]) {
    textfont_t font;
    memset(&font, 0, sizeof(font));
    font.name = (char *)fontName;
    font.size = size;
    font.flags = flags & 0x7f;
    textspan_t span;
    memset(&span, 0, sizeof(span));
    span.str = (char *)text;
    span.font = &font;
    span.just = 'n';
    gvtextlayout_engine_t *pango = gvz_pango_engine();
    if (!pango) return 0;
    int measured = pango->textlayout(&span, NULL);
    if (span.layout && span.free_layout) span.free_layout(span.layout);
    if (!measured) return 0;
    out[0] = span.size.x;
    out[1] = span.size.y;
    out[2] = span.yoffset_layout;
    out[3] = span.yoffset_centerline;
    return 1;
}

// ---------------------------------------------------------------------------------------------
// One layout for a slide build.
//
// Every frame of a build has the same nodes, edges, clusters and label sizes; frames differ in
// what their labels show and in attributes Graphviz reads only while drawing (colours, pen
// widths, styles). `gvz_adopt(reference, frame)` makes a laid-out `reference` show `frame`
// (parsed, not laid out): it checks the two have the same structure and differ only in such
// attributes and in labels, copies those values over, and rebuilds each changed label as
// Graphviz's own initialisation does (`make_label`, with the object's font attributes). A new
// label must measure exactly what the old one did, and keeps the old one's position. Rendering
// the reference then draws what laying the frame out alone would draw, without the layout.
//
// `make_label` and `free_label` are internal to libgvc; they are looked up at run time, and
// without them (a libgvc that does not export them) every frame is laid out on its own.

// Graphviz's defaults for labels (lib/common/const.h).
#define GVZ_LT_NONE (0 << 1)
#define GVZ_LT_HTML (1 << 1)
#define GVZ_DEFAULT_FONTSIZE 14.0
#define GVZ_MIN_FONTSIZE 1.0
#define GVZ_DEFAULT_FONTNAME "Times-Roman"
#define GVZ_DEFAULT_COLOR "black"

typedef textlabel_t *(*gvz_make_label_fn)(void *obj, char *str, int kind, double fontsize, char *fontname,
                                          char *fontcolor);
typedef void (*gvz_free_label_fn)(textlabel_t *label);

typedef struct {
    int looked;
    gvz_make_label_fn make;
    gvz_free_label_fn release;
} gvz_label_functions;

static inline gvz_label_functions *gvz_labels(void) {
    static gvz_label_functions functions;
    if (!functions.looked) {
        functions.looked = 1;
        // The program's global scope, which holds libgvc (a dependency of the program).
        void *global = dlopen(NULL, RTLD_LAZY);
        if (global) {
            functions.make = (gvz_make_label_fn)dlsym(global, "make_label");
            functions.release = (gvz_free_label_fn)dlsym(global, "free_label");
        }
        if (!functions.make || !functions.release) {
            functions.make = NULL;
            functions.release = NULL;
        }
    }
    return &functions;
}

/// Whether labels can be rebuilt on a laid-out graph (else every frame needs its own layout).
static inline int gvz_adopt_available(void) { return gvz_labels()->make != NULL; }

// Attributes Graphviz 2.4x reads only while drawing, by object kind; every other attribute of a
// frame must equal the reference's. "label" and the font attributes are rebuilt (see above).
static inline int gvz_in_list(const char *name, const char *const *list) {
    for (; *list; list++) {
        if (strcmp(name, *list) == 0) return 1;
    }
    return 0;
}
static const char *const gvz_drawn_common[] = {"color", "fillcolor", "penwidth", "style", "tooltip", "id", "class",
                                               "URL", "href", "target", "comment", "pencolor", "bgcolor",
                                               "gradientangle", NULL};
static const char *const gvz_relabel_keys[] = {"label", "fontcolor", "fontname", "fontsize", NULL};

/// What may differ between a frame and the reference on an object of `kind`. `isRoot` is 1 for
/// the root graph, 0 for a cluster (whose label is not rebuilt: it may not change), 2 for another
/// subgraph (which inherits the root's label and fonts but draws no label).
static inline int gvz_may_differ(int kind, int isRoot, const char *name) {
    if (gvz_in_list(name, gvz_drawn_common)) return 1;
    if (kind == AGRAPH && isRoot == 0) return 0;
    if (kind == AGEDGE && (strcmp(name, "labeltooltip") == 0 || strcmp(name, "edgetooltip") == 0)) return 1;
    return gvz_in_list(name, gvz_relabel_keys);
}

/// Compares the attributes of `ref` and `obj` (objects of `kind`); `apply` copies the frame's
/// values into `ref` and reports whether its label needs rebuilding. Returns 0 on a difference
/// that is not allowed, 1 otherwise, plus 2 when a label key changed.
static inline int gvz_adopt_attributes(Agraph_t *refGraph, Agraph_t *frameGraph, void *ref, void *obj, int kind,
                                       int isRoot, int apply) {
    int result = 1;
    for (Agsym_t *sym = agnxtattr(frameGraph, kind, NULL); sym; sym = agnxtattr(frameGraph, kind, sym)) {
        Agsym_t *refSym = agattr(refGraph, kind, sym->name, NULL);
        if (!refSym) return 0;
        char *value = agxget(obj, sym);
        char *old = agxget(ref, refSym);
        if (!value) value = (char *)"";
        if (!old) old = (char *)"";
        int html = aghtmlstr(value) != 0;
        if (strcmp(value, old) == 0 && html == (aghtmlstr(old) != 0)) continue;
        if (!gvz_may_differ(kind, isRoot, sym->name)) return 0;
        if (gvz_in_list(sym->name, gvz_relabel_keys)) result |= 2;
        if (apply) {
            char *copy = html ? agstrdup_html(refGraph, value) : agstrdup(refGraph, value);
            if (!copy) return 0;
            agxset(ref, refSym, copy);
            agstrfree(refGraph, copy);
        }
    }
    // An attribute only the reference declares must be empty everywhere it is set (as if absent),
    // but for the bounding box its layout wrote (`gvLayout` sets the root graph's "bb").
    for (Agsym_t *refSym = agnxtattr(refGraph, kind, NULL); refSym; refSym = agnxtattr(refGraph, kind, refSym)) {
        if (agattr(frameGraph, kind, refSym->name, NULL)) continue;
        if (kind == AGRAPH && strcmp(refSym->name, "bb") == 0) continue;
        if (strcmp(refSym->name, "label") == 0) return 0;
        char *old = agxget(ref, refSym);
        if (old && old[0]) return 0;
    }
    return result;
}

static inline double gvz_late_double(void *obj, const char *name, double def, double low) {
    char *text = agget(obj, (char *)name);
    if (!text || !text[0]) return def;
    char *end;
    double value = strtod(text, &end);
    if (end == text) return def;
    return value < low ? low : value;
}

static inline char *gvz_late_nnstring(void *obj, const char *name, const char *def) {
    char *text = agget(obj, (char *)name);
    return text && text[0] ? text : (char *)def;
}

/// Rebuilds `*slot` (the label of `obj`) from its current attributes as Graphviz's init does;
/// returns 1 when the new label has exactly the old one's size (it takes the old position), 0
/// otherwise (the slot then holds the new label, so the graph must be laid out again).
static inline int gvz_rebuild_label(void *obj, textlabel_t **slot) {
    gvz_label_functions *functions = gvz_labels();
    textlabel_t *old = *slot;
    char *text = agget(obj, (char *)"label");
    int hasText = text && text[0];
    int isNode = AGTYPE(obj) == AGNODE;
    if (!isNode && !hasText) return old == NULL;
    if (!old) return 0;
    if (isNode && !text) return 0;
    textlabel_t *made = functions->make(obj, text, aghtmlstr(text) ? GVZ_LT_HTML : GVZ_LT_NONE,
                                        gvz_late_double(obj, "fontsize", GVZ_DEFAULT_FONTSIZE, GVZ_MIN_FONTSIZE),
                                        gvz_late_nnstring(obj, "fontname", GVZ_DEFAULT_FONTNAME),
                                        gvz_late_nnstring(obj, "fontcolor", GVZ_DEFAULT_COLOR));
    if (!made) return 0;
    int same = made->dimen.x == old->dimen.x && made->dimen.y == old->dimen.y;
    made->pos = old->pos;
    made->space = old->space;
    made->valign = old->valign;
    made->set = old->set;
    *slot = made;
    functions->release(old);
    return same;
}

/// The same subgraphs (by name, node count and attributes), recursively.
static inline int gvz_adopt_subgraphs(Agraph_t *refRoot, Agraph_t *frameRoot, Agraph_t *ref, Agraph_t *frame,
                                      int apply) {
    Agraph_t *refSub = agfstsubg(ref);
    Agraph_t *sub = agfstsubg(frame);
    for (; refSub && sub; refSub = agnxtsubg(refSub), sub = agnxtsubg(sub)) {
        char *refName = agnameof(refSub), *name = agnameof(sub);
        if ((refName == NULL) != (name == NULL) || (name && strcmp(refName, name) != 0)) return 0;
        if (agnnodes(refSub) != agnnodes(sub)) return 0;
        int isCluster = name && strncmp(name, "cluster", 7) == 0;
        if (!gvz_adopt_attributes(refRoot, frameRoot, refSub, sub, AGRAPH, isCluster ? 0 : 2, apply)) return 0;
        if (!gvz_adopt_subgraphs(refRoot, frameRoot, refSub, sub, apply)) return 0;
    }
    return refSub == NULL && sub == NULL;
}

/// One pass over both graphs: checks (apply 0), or copies and rebuilds labels (apply 1).
static inline int gvz_adopt_pass(Agraph_t *ref, Agraph_t *frame, int apply) {
    if (agnnodes(ref) != agnnodes(frame) || agnedges(ref) != agnedges(frame)) return 0;
    int graphFlags = gvz_adopt_attributes(ref, frame, ref, frame, AGRAPH, 1, apply);
    if (!graphFlags) return 0;
    if (!gvz_adopt_subgraphs(ref, frame, ref, frame, apply)) return 0;
    if (apply && (graphFlags & 2) && !gvz_rebuild_label(ref, &GD_label(ref))) return 0;
    Agnode_t *refNode = agfstnode(ref);
    Agnode_t *node = agfstnode(frame);
    for (; refNode && node; refNode = agnxtnode(ref, refNode), node = agnxtnode(frame, node)) {
        if (strcmp(agnameof(refNode), agnameof(node)) != 0) return 0;
        int flags = gvz_adopt_attributes(ref, frame, refNode, node, AGNODE, 0, apply);
        if (!flags) return 0;
        if (apply && (flags & 2)) {
            const char *shape = ND_shape(refNode) ? ND_shape(refNode)->name : NULL;
            if (!shape || strcmp(shape, "record") == 0 || strcmp(shape, "Mrecord") == 0) return 0;
            if (!gvz_rebuild_label(refNode, &ND_label(refNode))) return 0;
        }
        Agedge_t *refEdge = agfstout(ref, refNode);
        Agedge_t *edge = agfstout(frame, node);
        for (; refEdge && edge; refEdge = agnxtout(ref, refEdge), edge = agnxtout(frame, edge)) {
            if (strcmp(agnameof(aghead(refEdge)), agnameof(aghead(edge))) != 0) return 0;
            int edgeFlags = gvz_adopt_attributes(ref, frame, refEdge, edge, AGEDGE, 0, apply);
            if (!edgeFlags) return 0;
            if (apply && (edgeFlags & 2) && !gvz_rebuild_label(refEdge, &ED_label(refEdge))) return 0;
        }
        if (refEdge || edge) return 0;
    }
    return refNode == NULL && node == NULL;
}

/// Makes the laid-out `ref` show `frame` (parsed, prepared, not laid out); see above. Returns 1
/// when `ref` can be rendered for `frame`; 0 when `frame` needs its own layout, in which case
/// `ref` is left unchanged, or (a rebuilt label measured differently) changed and to be dropped.
static inline int gvz_adopt(Agraph_t *ref, Agraph_t *frame) {
    if (!gvz_adopt_available()) return 0;
    if (!gvz_adopt_pass(ref, frame, 0)) return 0;
    return gvz_adopt_pass(ref, frame, 1);
}

/// Declares, with an empty default (the same as absent), the drawing attributes later frames
/// may set on a graph about to be laid out as a build's reference: Graphviz looks attributes
/// up when it lays a graph out, so one declared afterwards would not be drawn.
static inline void gvz_declare_drawing_attributes(Agraph_t *graph) {
    static const char *const names[] = {"color", "fillcolor", "fontcolor", "penwidth", "style", NULL};
    static const int kinds[] = {AGNODE, AGEDGE};
    for (int k = 0; k < 2; k++) {
        for (const char *const *name = names; *name; name++) {
            if (!agattr(graph, kinds[k], (char *)*name, NULL)) agattr(graph, kinds[k], (char *)*name, (char *)"");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The drawing's size after layout, and the `size` Graphviz fits it to when rendering.

/// The laid-out graph's bounding box width and height, in points (without its pad).
static inline void gvz_layout_extent(Agraph_t *g, double *width, double *height) {
    *width = GD_bb(g).UR.x - GD_bb(g).LL.x;
    *height = GD_bb(g).UR.y - GD_bb(g).LL.y;
}

/// The `size` (in points) a laid-out graph is fitted to when rendered; 0 when it has none.
static inline void gvz_fit_size(Agraph_t *g, double *width, double *height) {
    *width = GD_drawing(g)->size.x;
    *height = GD_drawing(g)->size.y;
}

/// Sets the `size` (in points) a laid-out graph is fitted to when rendered, after layout:
/// Graphviz reads the attribute into this field when it lays the graph out.
static inline void gvz_set_fit_size(Agraph_t *g, double width, double height) {
    GD_drawing(g)->size.x = width;
    GD_drawing(g)->size.y = height;
}
