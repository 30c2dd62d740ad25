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
