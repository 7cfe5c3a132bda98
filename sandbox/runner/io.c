/* Buffered command input and framed output of the runner. */
#include "runner.h" /* first: it defines _GNU_SOURCE */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static char in_buf[65536];
static size_t in_pos, in_end;

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) fatal("out of memory (%zu bytes)", n);
  return p;
}

void buf_append(struct buf *b, const void *p, size_t n) {
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n) cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) fatal("out of memory (%zu bytes)", cap);
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
}

void buf_free(struct buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

static int fill(void) {
  for (;;) {
    ssize_t n = read(0, in_buf, sizeof in_buf);
    if (n > 0) {
      in_pos = 0;
      in_end = (size_t)n;
      return 0;
    }
    if (n < 0 && errno == EINTR) continue;
    return -1;
  }
}

int in_buffered(void) { return in_pos < in_end; }

int in_line(char *line, size_t max) {
  size_t n = 0;
  for (;;) {
    if (in_pos == in_end && fill() < 0) return -1;
    char c = in_buf[in_pos++];
    if (c == '\n') break;
    if (n + 1 >= max) fatal("command line too long");
    line[n++] = c;
  }
  line[n] = 0;
  return 0;
}

void in_bytes(void *p, size_t n) {
  char *d = p;
  while (n > 0) {
    if (in_pos == in_end && fill() < 0) fatal("input ended inside a payload");
    size_t k = in_end - in_pos < n ? in_end - in_pos : n;
    memcpy(d, in_buf + in_pos, k);
    in_pos += k;
    d += k;
    n -= k;
  }
}

/* One writev per frame, retried on short writes, so frames never interleave. */
void out_frame(const char *head, const void *a, size_t alen, const void *b, size_t blen, const void *c,
               size_t clen) {
  struct iovec iov[4] = {
      {(void *)head, strlen(head)}, {(void *)a, alen}, {(void *)b, blen}, {(void *)c, clen}};
  int first = 0;
  while (first < 4) {
    ssize_t n = writev(1, iov + first, 4 - first);
    if (n < 0) {
      if (errno == EINTR) continue;
      _exit(3); /* the host is gone: nobody is left to report to */
    }
    while (first < 4 && (size_t)n >= iov[first].iov_len) n -= (ssize_t)iov[first++].iov_len;
    if (first < 4) {
      iov[first].iov_base = (char *)iov[first].iov_base + n;
      iov[first].iov_len -= (size_t)n;
    }
  }
}

void fatal(const char *fmt, ...) {
  char msg[512], head[32];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  snprintf(head, sizeof head, "X %zu\n", strlen(msg));
  out_frame(head, msg, strlen(msg), NULL, 0, NULL, 0);
  kill_and_reap_all();
  exit(1);
}
