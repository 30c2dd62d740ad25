#ifndef CGRADVIZRECORDING_H
#define CGRADVIZRECORDING_H

#include <stdint.h>

/// The recording scope active on the calling thread: the graph it records on (an unretained
/// pointer, alive while the scope runs) and the scope's number (0: none). GradVizEngine's
/// `Graph.withRecordingScope` enters and leaves scopes; `ScopedValue`'s operators read the
/// current one. Swift has no thread-local variables of its own, and a C one is read with a load
/// (in an executable; a `__tls_get_addr` call in a shared library) where `pthread_getspecific`
/// would be a call per recorded node.
///
/// This module is internal to GradVizEngine. Entering or leaving a scope from anywhere else is
/// as unsafe as any API that takes a raw pointer: it can point `ScopedValue`s at a freed graph.
typedef struct gv_recording_scope {
    void *_Nullable graph;
    uint64_t number;
} gv_recording_scope;

extern _Thread_local gv_recording_scope gv_current_recording_scope;

/// The calling thread's recording scope.
static inline gv_recording_scope gv_recording_scope_current(void) {
    return gv_current_recording_scope;
}

/// Makes a new scope on `graph`, with a number no scope in the process had before, the calling
/// thread's current one, and returns the scope it replaces (for `_gv_recording_scope_leave`).
gv_recording_scope _gv_recording_scope_enter(void *_Nonnull graph);

/// Makes `outer`, which `_gv_recording_scope_enter` returned, the current scope again.
void _gv_recording_scope_leave(gv_recording_scope outer);

#endif
