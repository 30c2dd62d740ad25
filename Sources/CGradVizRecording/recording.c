#include "CGradVizRecording.h"

#include <stdatomic.h>

_Thread_local gv_recording_scope gv_current_recording_scope = {0, 0};

/// Scopes entered so far in the process; a scope's number is this count after it entered.
static _Atomic uint64_t gv_scopes_entered = 0;

gv_recording_scope _gv_recording_scope_enter(void *graph) {
    gv_recording_scope outer = gv_current_recording_scope;
    uint64_t number = atomic_fetch_add_explicit(&gv_scopes_entered, 1, memory_order_relaxed) + 1;
    gv_current_recording_scope = (gv_recording_scope){graph, number};
    return outer;
}

void _gv_recording_scope_leave(gv_recording_scope outer) {
    gv_current_recording_scope = outer;
}
