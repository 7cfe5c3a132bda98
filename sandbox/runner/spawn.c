/*
 * Starts the program of one EXEC the cheap way: clone(CLONE_VM | CLONE_VFORK | CLONE_PIDFD),
 * as posix_spawn does. The child borrows the runner's memory on a stack of its own until
 * execve (CLONE_VFORK holds the runner until then), so no page table is copied; the
 * kernel hands back a pidfd; and execve's error reaches the runner through that shared
 * memory instead of a pipe. The child sets the same fds, limits and OOM score as before
 * execve; it has its own fd table, rlimits, signal dispositions and oom_score_adj (a vfork
 * child's own, see __set_oom_adj). The runner installs no signal handler, so none can run
 * on the borrowed memory.
 */
#include "runner.h" /* first: it defines _GNU_SOURCE */

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif

struct child_args {
  const struct exec_spec *sp;
  int in, out, err;
  int exec_errno; /* written by the child, read once it has gone (CLONE_VFORK) */
};

/* Only the child of the moment uses it, while the runner waits (CLONE_VFORK). */
static char child_stack[64 * 1024] __attribute__((aligned(16)));

static int child(void *arg) {
  struct child_args *a = arg;
  const struct exec_spec *sp = a->sp;
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  /* Ignored signals survive execve (handled ones do not, and the runner has none). */
  static const int ignored[] = RUNNER_IGNORED_SIGNALS;
  for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++) signal(ignored[i], SIG_DFL);
  if (dup2(a->in, 0) < 0 || dup2(a->out, 1) < 0 || dup2(a->err, 2) < 0) goto failed;
  /* Only 0-2 reach the program. */
  if (syscall(SYS_close_range, 3, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) < 0) goto failed;
  if (chdir(WORK_DIR) < 0) goto failed;
  /* The kernel's OOM killer must pick the program, never the runner. */
  int adj = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
  if (adj >= 0) {
    if (write(adj, "1000", 4) < 0) { /* best effort: the runner is tiny anyway */
    }
    close(adj);
  }
  struct rlimit r;
  /* RLIMIT_CPU is per process and in whole seconds: a backstop behind the sampled total. */
  r.rlim_cur = (rlim_t)((sp->cpu_ms + 999) / 1000 + 1);
  r.rlim_max = r.rlim_cur + 1;
  setrlimit(RLIMIT_CPU, &r);
  if (sp->fsize_kb > 0) {
    r.rlim_cur = r.rlim_max = (rlim_t)sp->fsize_kb * 1024;
    setrlimit(RLIMIT_FSIZE, &r);
  }
  if (sp->stack_kb > 0) {
    r.rlim_cur = r.rlim_max = (rlim_t)sp->stack_kb * 1024;
    setrlimit(RLIMIT_STACK, &r);
  }
  if (sp->as_kb > 0) {
    r.rlim_cur = r.rlim_max = (rlim_t)sp->as_kb * 1024;
    setrlimit(RLIMIT_AS, &r);
  }
  r.rlim_cur = r.rlim_max = 0;
  setrlimit(RLIMIT_CORE, &r);
  execve(sp->argv[0], sp->argv, sp->envp);
failed:
  a->exec_errno = errno;
  _exit(127);
}

pid_t spawn_program(const struct exec_spec *sp, int in, int out, int err, int *pidfd, int *exec_errno) {
  struct child_args a = {sp, in, out, err, 0};
  *pidfd = -1;
  pid_t pid = clone(child, child_stack + sizeof child_stack, CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD, &a,
                    pidfd);
  if (pid < 0) fatal("clone: %s", strerror(errno));
  *exec_errno = a.exec_errno;
  return pid;
}
