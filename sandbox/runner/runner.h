/*
 * csrunner: the judge's helper inside every sandbox container (PID 1, uid 10001).
 * It reads framed commands on stdin and writes framed results on stdout; the program
 * it runs never shares either: its stdin/stdout/stderr are pipes owned by the runner.
 * Protocol (all numbers decimal, headers end with '\n'):
 *   host → runner  FILE <size> <name>\n<bytes>       write /work/<name>
 *                  SEAL\n                            snapshot /work; every later EXEC
 *                                                    starts from exactly this snapshot
 *                  EXEC <paramsLen> <inputLen>\n<params><input>
 *                                                    params: "key=value\0" pairs
 *                  IN <len>\n<bytes>                more input for the running program
 *                                                    (an EXEC with live_stdin=1)
 *                  EOF\n                            close its stdin once all is written
 *                                                    (both are dropped when no program
 *                                                    runs: it may have just ended)
 *   runner → host  READY 1\n                         waiting for the first command
 *                  O <len>\n<bytes> / E <len>\n<bytes>  streamed output (stream=1)
 *                  R <hlen> <olen> <elen>\n<header><stdout><stderr>  result of EXEC
 *                  X <len>\n<message>               runner failure; it exits
 */
#ifndef CSRUNNER_H
#define CSRUNNER_H
#define _GNU_SOURCE
#include <stddef.h>
#include <sys/types.h>

#define WORK_DIR "/work"

struct buf {
  char *data;
  size_t len, cap;
};
void buf_append(struct buf *b, const void *p, size_t n);
void buf_free(struct buf *b);

/* io.c */
int in_line(char *line, size_t max);          /* 0 ok, -1 EOF */
size_t in_buffered(void);                     /* command bytes read but not yet consumed */
void in_bytes(void *p, size_t n);             /* exact; fatal on EOF */
void out_frame(const char *head, const void *a, size_t alen, const void *b, size_t blen, const void *c,
               size_t clen);
void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void *xmalloc(size_t n);

/* exec.c */
struct exec_spec {
  int compile;        /* stdout+stderr merged into one capped message; stdin empty */
  int stream;         /* forward output as O/E frames while the program runs */
  long cpu_ms, wall_ms, mem_kb, fsize_kb, stack_kb, as_kb;
  size_t out_cap, err_cap;
  int out_fatal, err_fatal; /* going past the cap kills the program (output limit) */
  int live_stdin;           /* stdin stays open for IN commands until EOF */
  char **argv, **envp;
  const char *input;
  size_t input_len;
};
void exec_program(const struct exec_spec *spec);
/* An IN/EOF command line: appends to `to` (NULL: drops the bytes) or sets *eof.
   Returns 0 when `line` is not one of them. */
int stdin_command(const char *line, struct buf *to, int *eof);
void kill_and_reap_all(void);

/* workdir.c */
void workdir_seal(void);
int workdir_sealed(void);
void workdir_reset(void);
void write_work_file(const char *name, const char *data, size_t len);

#endif
