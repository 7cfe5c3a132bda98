/* csrunner entry point: the command loop (protocol in runner.h). */
#include "runner.h" /* first: it defines _GNU_SOURCE */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PAYLOAD (512L << 20)

static long number(const char *key, const char *value) {
  char *end;
  errno = 0;
  long n = strtol(value, &end, 10);
  if (errno || *end || n < 0) fatal("bad number for %s", key);
  return n;
}

static void exec_command(size_t params_len, size_t input_len) {
  char *params = xmalloc(params_len + 1);
  in_bytes(params, params_len);
  params[params_len] = 0;
  char *input = xmalloc(input_len);
  in_bytes(input, input_len);
  struct exec_spec sp = {0};
  sp.cpu_ms = sp.wall_ms = 1000;
  size_t n_args = 0, n_env = 0;
  for (size_t i = 0; i < params_len; i += strlen(params + i) + 1) {
    if (!strncmp(params + i, "arg=", 4)) n_args++;
    if (!strncmp(params + i, "env=", 4)) n_env++;
  }
  sp.argv = xmalloc((n_args + 1) * sizeof(char *));
  sp.envp = xmalloc((n_env + 1) * sizeof(char *));
  n_args = n_env = 0;
  for (size_t i = 0, len; i < params_len; i += len + 1) {
    char *kv = params + i, *eq = strchr(kv, '=');
    len = strlen(kv);
    if (!eq) fatal("bad parameter");
    *eq = 0;
    char *v = eq + 1;
    if (!strcmp(kv, "arg")) sp.argv[n_args++] = v;
    else if (!strcmp(kv, "env")) sp.envp[n_env++] = v;
    else if (!strcmp(kv, "compile")) sp.compile = (int)number(kv, v);
    else if (!strcmp(kv, "stream")) sp.stream = (int)number(kv, v);
    else if (!strcmp(kv, "cpu_ms")) sp.cpu_ms = number(kv, v);
    else if (!strcmp(kv, "wall_ms")) sp.wall_ms = number(kv, v);
    else if (!strcmp(kv, "mem_kb")) sp.mem_kb = number(kv, v);
    else if (!strcmp(kv, "fsize_kb")) sp.fsize_kb = number(kv, v);
    else if (!strcmp(kv, "stack_kb")) sp.stack_kb = number(kv, v);
    else if (!strcmp(kv, "as_kb")) sp.as_kb = number(kv, v);
    else if (!strcmp(kv, "out_cap")) sp.out_cap = (size_t)number(kv, v);
    else if (!strcmp(kv, "err_cap")) sp.err_cap = (size_t)number(kv, v);
    else if (!strcmp(kv, "out_fatal")) sp.out_fatal = (int)number(kv, v);
    else if (!strcmp(kv, "err_fatal")) sp.err_fatal = (int)number(kv, v);
    else if (!strcmp(kv, "live_stdin")) sp.live_stdin = (int)number(kv, v);
    else if (!strcmp(kv, "idle_ms")) sp.idle_ms = number(kv, v);
    else fatal("unknown parameter %s", kv);
  }
  sp.argv[n_args] = NULL;
  sp.envp[n_env] = NULL;
  if (n_args == 0) fatal("EXEC without arg");
  sp.input = input;
  sp.input_len = input_len;
  exec_program(&sp);
  /* Scrub this test's input before the next one can run. */
  memset(input, 0, input_len);
  free(input);
  free(sp.argv);
  free(sp.envp);
  free(params);
  if (!sp.compile && workdir_sealed()) workdir_reset();
}

int main(void) {
  /* Not dumpable: a program running as the same uid can neither ptrace the runner nor
     open /proc/1/{mem,fd,environ}, so it cannot read test data or write to our stdout. */
  if (prctl(PR_SET_DUMPABLE, 0) < 0) fatal("prctl: %s", strerror(errno));
  /* A closed host pipe must end the runner through write() errors, not a signal. */
  static const int ignored[] = RUNNER_IGNORED_SIGNALS;
  for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++) signal(ignored[i], SIG_IGN);
  umask(022);
  out_frame("READY 1\n", NULL, 0, NULL, 0, NULL, 0);
  char line[512];
  while (in_line(line, sizeof line) == 0) {
    unsigned long a, b;
    char name[256];
    if (sscanf(line, "FILE %lu %255s", &a, name) == 2) {
      if (a > MAX_PAYLOAD) fatal("file too large");
      char *data = xmalloc(a);
      in_bytes(data, a);
      write_work_file(name, data, a);
      free(data);
    } else if (!strcmp(line, "SEAL")) {
      workdir_seal();
    } else if (sscanf(line, "EXEC %lu %lu", &a, &b) == 2) {
      if (a > MAX_PAYLOAD || b > MAX_PAYLOAD) fatal("payload too large");
      exec_command(a, b);
    } else if (live_command(line, NULL)) {
      /* Input for a program that has just ended: dropped. */
    } else {
      fatal("unknown command");
    }
  }
  /* stdin closed: the host is done with this container. */
  kill_and_reap_all();
  return 0;
}
