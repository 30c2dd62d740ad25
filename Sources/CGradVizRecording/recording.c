#include "CGradVizRecording.h"

_Thread_local gv_recording_scope gv_current_recording_scope = {0, 0};
