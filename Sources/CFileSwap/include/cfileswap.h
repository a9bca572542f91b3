#ifndef CFILESWAP_H
#define CFILESWAP_H
/// Swaps two paths atomically (Linux renameat2 with RENAME_EXCHANGE): both exist before and
/// after, so a kill at any moment leaves one of the two folders at each path. Returns 0, or -1
/// with errno set (ENOSYS or EINVAL where the kernel or file system cannot).
int cfileswap_exchange(const char *a, const char *b);
/// The C errno of the last failed call, and whether a process id is alive.
int cfileswap_errno(void);
int cfileswap_alive(int pid);
#endif
