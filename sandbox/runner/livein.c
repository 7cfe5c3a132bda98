/* The live stdin of a streaming EXEC: IN/EOF commands and when the program waits (runner.h). */
#include "runner.h" /* first: it defines _GNU_SOURCE */

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
/* One IN command at most; the host caps a run's live input far below this. */
#define MAX_IN_BYTES (1L << 20)

int live_command(const char *line, struct live_input *li) {
  unsigned long n;
  char tail;
  if (sscanf(line, "IN %lu%c", &n, &tail) == 1) {
    if (n > MAX_IN_BYTES) fatal("IN too large");
    char *data = xmalloc(n);
    in_bytes(data, n);
    if (li && li->on && !li->eof && !li->dropped) {
      buf_append(&li->pending, data, n);
      li->idle_us = 0;
      li->waiting = 0;
    }
    memset(data, 0, n);
    free(data);
    return 1;
  }
  if (!strcmp(line, "EOF")) {
    if (li) li->eof = 1;
    return 1;
  }
  return 0;
}

void live_host_ready(struct live_input *li) {
  do {
    char line[512];
    if (in_line(line, sizeof line) < 0) {
      /* The host is gone: the program's input ends with it. */
      li->host_open = 0;
      li->eof = 1;
      return;
    }
    if (!live_command(line, li)) fatal("unknown command during EXEC");
  } while (in_buffered() && li->pending.len - li->off < LIVE_STDIN_MAX);
}

void live_drop(struct live_input *li) {
  li->dropped = 1;
  li->off = li->pending.len = 0;
}

/* Nanoseconds every thread of the program has run: /proc/<pid>/stat counts in 10 ms
   ticks, too coarse to tell a program blocked on its input from one computing. */
static long long program_cpu_ns(void) {
  long long total = 0;
  DIR *procs = opendir("/proc");
  if (!procs) return -1;
  struct dirent *p;
  while ((p = readdir(procs))) {
    char *end, path[96];
    long pid = strtol(p->d_name, &end, 10);
    if (*end || pid <= 1) continue;
    snprintf(path, sizeof path, "/proc/%ld/task", pid);
    DIR *tasks = opendir(path);
    if (!tasks) continue;
    struct dirent *t;
    while ((t = readdir(tasks))) {
      if (t->d_name[0] == '.') continue;
      char text[96];
      snprintf(path, sizeof path, "/proc/%ld/task/%.20s/schedstat", pid, t->d_name);
      int fd = open(path, O_RDONLY | O_CLOEXEC);
      if (fd < 0) continue;
      ssize_t n = read(fd, text, sizeof text - 1);
      close(fd);
      if (n <= 0) continue;
      text[n] = 0;
      total += strtoll(text, NULL, 10);
    }
    closedir(tasks);
  }
  closedir(procs);
  return total;
}

void live_sample(struct live_input *li, int in_fd) {
  long long ns = program_cpu_ns();
  int quiet = ns >= 0 && ns == li->last_cpu_ns;
  li->last_cpu_ns = ns;
  int unread = 1;
  if (in_fd >= 0 && li->off == li->pending.len && ioctl(in_fd, FIONREAD, &unread) < 0) unread = 1;
  li->waiting = quiet && unread == 0 && in_fd >= 0 && li->off == li->pending.len;
}

void live_free(struct live_input *li) {
  if (li->pending.data) memset(li->pending.data, 0, li->pending.len);
  buf_free(&li->pending);
}
