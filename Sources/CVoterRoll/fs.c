// File-system calls that Swift's Glibc module does not declare (they need _GNU_SOURCE).
#define _GNU_SOURCE
#include "CVoterRoll.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

int32_t CVoterRoll_exchangePaths(const char *first, const char *second) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    if (renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE) == 0) return 0;
    return errno;
#else
    (void)first;
    (void)second;
    return ENOSYS;
#endif
}
