#ifndef CGRADVIZPROCESS_H
#define CGRADVIZPROCESS_H

/// Asks the kernel to send `signal` to the calling process when the thread that forked it ends
/// (Linux's `PR_SET_PDEATHSIG`), so that a batch's worker processes do not outlive the `gradviz`
/// process that started them, however it ends (a signal to it alone, a closed pipe, SIGKILL).
/// Swift cannot call `prctl`, which is variadic. Returns 0 when set, -1 where it is not
/// supported (any system but Linux) or failed.
int gradviz_die_with_parent(int signal);

#endif
