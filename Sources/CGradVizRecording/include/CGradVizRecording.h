#ifndef CGRADVIZRECORDING_H
#define CGRADVIZRECORDING_H

#include <stdint.h>

/// The recording scope active on the calling thread: the graph it records on (an unretained
/// pointer, alive while the scope runs) and the scope's number (0: none). GradVizEngine's
/// `Graph.withRecordingScope` sets and restores it; `ScopedValue`'s operators read it. Swift has
/// no thread-local variables of its own, and a C one is a single load where
/// `pthread_getspecific` would be a call per recorded node.
typedef struct gv_recording_scope {
    void *_Nullable graph;
    uint64_t number;
} gv_recording_scope;

extern _Thread_local gv_recording_scope gv_current_recording_scope;

/// The calling thread's recording scope.
static inline gv_recording_scope gv_recording_scope_current(void) {
    return gv_current_recording_scope;
}

/// Makes `scope` the calling thread's recording scope.
static inline void gv_recording_scope_set(gv_recording_scope scope) {
    gv_current_recording_scope = scope;
}

#endif
