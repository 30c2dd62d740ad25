#include "CGradVizProcess.h"

#if defined(__linux__)
#include <sys/prctl.h>

int gradviz_die_with_parent(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}
#else
int gradviz_die_with_parent(int signal) {
    (void)signal;
    return -1;
}
#endif
