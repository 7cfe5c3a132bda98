/* The live stdin of a streaming EXEC: IN/EOF commands and when the program waits (runner.h). */
#include "runner.h" /* first: it defines _GNU_SOURCE */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

/* No CPU for this long, with every given byte read, is waiting for input. */
#define IDLE_QUIET_US 100000LL
/* One IN command at most; the host caps a run's live input far below this. */
#define MAX_IN_BYTES (1L << 20)

int live_command(const char *line, struct live_input *li) {
  unsigned long n;
  char tail;
  if (sscanf(line, "IN %lu%c", &n, &tail) == 1) {
    if (n > MAX_IN_BYTES) fatal("IN too large");
    char *data = xmalloc(n);
    in_bytes(data, n);
    if (li && li->on && !li->eof) {
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
  } while (in_buffered());
}

void live_sample(struct live_input *li, int in_fd, long long cpu_us, long long now) {
  if (cpu_us != li->last_cpu_us || !li->quiet_since) li->quiet_since = now;
  li->last_cpu_us = cpu_us;
  int unread = 1;
  if (in_fd >= 0 && li->off == li->pending.len && ioctl(in_fd, FIONREAD, &unread) < 0) unread = 1;
  li->waiting = in_fd >= 0 && li->off == li->pending.len && unread == 0 && now - li->quiet_since >= IDLE_QUIET_US;
}

void live_free(struct live_input *li) {
  if (li->pending.data) memset(li->pending.data, 0, li->pending.len);
  buf_free(&li->pending);
}
