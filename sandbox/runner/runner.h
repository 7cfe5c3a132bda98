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
 *                  IN <len>\n<bytes>                 more stdin for the program of a live EXEC
 *                  EOF\n                             end of that stdin (after what IN gave)
 *   runner → host  READY 1\n                         waiting for the first command
 *                  O <len>\n<bytes> / E <len>\n<bytes>  streamed output (stream=1)
 *                  R <hlen> <olen> <elen>\n<header><stdout><stderr>  result of EXEC
 *                  X <len>\n<message>               runner failure; it exits
 * A live EXEC (live_stdin=1, or idle_ms > 0) keeps the program's stdin open after <input>
 * and takes IN and EOF while the program runs (an interactor's relay uses live_stdin, Run's
 * live input idle_ms); while LIVE_STDIN_MAX bytes wait for a program that does not read
 * them, the runner reads no more commands. IN and EOF arriving when no live EXEC runs (the
 * program just ended) are read and dropped. With idle_ms > 0, the program *waits for input* while its
 * stdin is open, every byte given so far has left the pipe, and none of its threads ran
 * since the last sample (5 ms, measured in nanoseconds from /proc/<pid>/task/<tid>/schedstat):
 * that time counts toward idle_ms (reason "idle"), not wall_ms, and new input starts the
 * idle count again. CPU time counts as always.
 * The host may write captured EXECs (stream=0) while one runs: they wait in stdin, read
 * only once the one before has ended and /work is reset, and are answered in order. So
 * nothing may read the runner's stdin while a captured EXEC runs.
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
  char **argv, **envp;
  const char *input;
  size_t input_len;
  int live_stdin; /* stdin stays open for IN until EOF (see above) */
  long idle_ms;   /* > 0: live stdin with the idle limit (see above) */
};
void exec_program(const struct exec_spec *spec);
void kill_and_reap_all(void);

/* livein.c: the live stdin of a streaming EXEC */
struct live_input {
  int on, host_open, eof, waiting, idle, dropped;
  struct buf pending; /* given by IN, not yet written to the program */
  size_t off;
  long long idle_us, last_cpu_ns;
};
int live_command(const char *line, struct live_input *li); /* 1: an IN or EOF (read whole) */
void live_host_ready(struct live_input *li);               /* reads every buffered command */
void live_sample(struct live_input *li, int in_fd);
void live_drop(struct live_input *li); /* the program closed its stdin: drop what waits and comes */
void live_free(struct live_input *li);
/* Input waiting for a program that does not read it, beyond which the runner reads no
   more commands (the host, or the program feeding it, waits instead). */
#define LIVE_STDIN_MAX (1L << 20)
int in_buffered(void); /* io.c: command bytes read but not yet parsed */

/* spawn.c: starts the program with the spec's fds and limits; returns its pid, sets its
   pidfd and execve's errno (0 when the program started). */
pid_t spawn_program(const struct exec_spec *sp, int in, int out, int err, int *pidfd, int *exec_errno);
/* Signals the runner ignores (main.c); the program gets them back at their default. */
#define RUNNER_IGNORED_SIGNALS {SIGPIPE}

/* workdir.c */
void workdir_seal(void);
int workdir_sealed(void);
void workdir_reset(void);
void write_work_file(const char *name, const char *data, size_t len);

#endif
