/*
 * Runs one program under the limits of an EXEC command and reports how it ended.
 * The runner is PID 1 of the container's pid namespace: the kernel drops SIGKILL and
 * SIGSTOP sent to it from inside the namespace, and every orphan is reparented to it,
 * so kill(-1) + waitpid(-1) reaches every process the program left behind.
 */
#include "runner.h" /* first: it defines _GNU_SOURCE */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How often the CPU time and memory of the running processes are sampled. */
#define SAMPLE_US 5000LL
#define CHUNK 65536

static long long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

void kill_and_reap_all(void) {
  /* kill(-1) from PID 1 reaches every other process of the namespace; repeating it
     before each wait also catches anything forked while we reaped. */
  for (;;) {
    kill(-1, SIGKILL);
    pid_t p = waitpid(-1, NULL, __WALL);
    if (p < 0 && errno != EINTR) break;
  }
}

/* cgroup v1 and v2 both count OOM kills; a change during a run means the kernel's
   OOM killer ended one of the program's processes (the container is the backstop
   behind the per-process memory watch). The file stays open: pread at offset 0 makes
   the kernel print it afresh, two syscalls fewer per read than opening it each time. */
static long read_oom_kills(void) {
  static int fd = -2;
  if (fd == -2) {
    fd = open("/sys/fs/cgroup/memory.events", O_RDONLY | O_CLOEXEC);
    if (fd < 0) fd = open("/sys/fs/cgroup/memory/memory.oom_control", O_RDONLY | O_CLOEXEC);
  }
  char text[1024];
  ssize_t n = fd >= 0 ? pread(fd, text, sizeof text - 1, 0) : -1;
  if (n <= 0) return 0;
  text[n] = 0;
  for (char *line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    long value;
    if (sscanf(line, "oom_kill %ld", &value) == 1) return value;
  }
  return 0;
}

struct sample {
  long long cpu_ticks; /* all live processes, with the children they reaped */
  long max_rss_kb;     /* largest single process */
};

static void sample_processes(struct sample *s) {
  static long page_kb;
  if (!page_kb) page_kb = sysconf(_SC_PAGESIZE) / 1024;
  s->cpu_ticks = 0;
  s->max_rss_kb = 0;
  DIR *d = opendir("/proc");
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    char *end;
    long pid = strtol(e->d_name, &end, 10);
    if (*end || pid <= 1) continue;
    char path[64], text[1024];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0) continue;
    text[n] = 0;
    /* The command name may contain spaces and parentheses: fields start after the last ')'. */
    char *p = strrchr(text, ')');
    if (!p) continue;
    unsigned long long utime = 0, stime = 0;
    long long cutime = 0, cstime = 0, rss = 0;
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %lld %lld %*d %*d %*d %*d %*u %*u %lld",
               &utime, &stime, &cutime, &cstime, &rss) != 5)
      continue;
    s->cpu_ticks += (long long)(utime + stime) + cutime + cstime;
    if (rss * page_kb > s->max_rss_kb) s->max_rss_kb = rss * page_kb;
  }
  closedir(d);
}

struct stream {
  int fd;
  struct buf kept;
  size_t total, cap;
  int fatal, truncated;
  char tag; /* 'O' or 'E' when streamed */
};

/* Returns 1 when this read pushed the stream past a fatal cap. */
static int drain(struct stream *s, const struct exec_spec *sp) {
  char chunk[CHUNK];
  /* Bounded, so a flood of non-fatal output cannot keep us from checking the limits. */
  for (int round = 0; round < 16; round++) {
    ssize_t n = read(s->fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return 0;
    if (n <= 0) {
      close(s->fd);
      s->fd = -1;
      return 0;
    }
    size_t room = s->total < s->cap ? s->cap - s->total : 0;
    size_t keep = (size_t)n < room ? (size_t)n : room;
    s->total += (size_t)n;
    if (keep > 0) {
      if (sp->stream) {
        char head[32];
        snprintf(head, sizeof head, "%c %zu\n", s->tag, keep);
        out_frame(head, chunk, keep, NULL, 0, NULL, 0);
      } else {
        buf_append(&s->kept, chunk, keep);
      }
    }
    if ((size_t)n > keep) {
      s->truncated = 1;
      if (s->fatal) return 1;
    }
  }
  return 0;
}

void exec_program(const struct exec_spec *sp) {
  int in[2], out[2], err[2];
  if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) fatal("pipe: %s", strerror(errno));
  struct rusage before, after, main_ru;
  memset(&main_ru, 0, sizeof main_ru);
  getrusage(RUSAGE_CHILDREN, &before);
  long oom_before = read_oom_kills();
  long long t0 = now_us(), t_end = 0;
  int pidfd, exec_errno;
  pid_t pid = spawn_program(sp, in[0], out[1], sp->compile ? out[1] : err[1], &pidfd, &exec_errno);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  if (sp->compile) close(err[0]);
  struct stream so = {out[0], {0}, 0, sp->out_cap, sp->out_fatal, 0, 'O'};
  struct stream se = {sp->compile ? -1 : err[0], {0}, 0, sp->err_cap, sp->err_fatal, 0, 'E'};
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  fcntl(so.fd, F_SETFL, O_NONBLOCK);
  if (se.fd >= 0) fcntl(se.fd, F_SETFL, O_NONBLOCK);
  int in_fd = in[1];
  size_t in_off = 0;
  struct live_input li = {0};
  li.on = li.host_open = (sp->live_stdin || sp->idle_ms > 0) && !sp->compile;
  li.idle = sp->idle_ms > 0;
  if (li.on) buf_append(&li.pending, sp->input, sp->input_len);
  if (sp->input_len == 0 && !li.on) {
    close(in_fd);
    in_fd = -1;
  }
  const char *reason = "none";
  int main_done = 0, status = 0;
  long max_rss_kb = 0;
  long long deadline = t0 + sp->wall_ms * 1000LL, next_sample = t0 + SAMPLE_US, drain_deadline = 0, last_now = t0;
#define STOP(why)            \
  do {                       \
    if (!strcmp(reason, "none")) reason = (why); \
    kill(-1, SIGKILL);       \
  } while (0)
  while (!main_done || so.fd >= 0 || se.fd >= 0) {
    struct pollfd p[5];
    int n = 0, i_in = -1, i_out = -1, i_err = -1, i_pid = -1, i_host = -1;
    const char *in_data = li.on ? li.pending.data + li.off : sp->input + in_off;
    size_t in_left = li.on ? li.pending.len - li.off : sp->input_len - in_off;
    /* Events 0 still reports POLLERR: the program closed its stdin. */
    if (in_fd >= 0 && !main_done) p[i_in = n++] = (struct pollfd){in_fd, in_left ? POLLOUT : 0, 0};
    /* A program that stops reading stops us reading its input from the host: what waits
       stays bounded here, and the host (or the program feeding it) waits instead. */
    int take_input = li.host_open && !main_done && in_left < LIVE_STDIN_MAX;
    if (take_input && !in_buffered()) p[i_host = n++] = (struct pollfd){0, POLLIN, 0};
    if (so.fd >= 0) p[i_out = n++] = (struct pollfd){so.fd, POLLIN, 0};
    if (se.fd >= 0) p[i_err = n++] = (struct pollfd){se.fd, POLLIN, 0};
    if (!main_done) p[i_pid = n++] = (struct pollfd){pidfd, POLLIN, 0};
    long long now = now_us();
    long long until = main_done ? drain_deadline : (next_sample < deadline ? next_sample : deadline);
    int timeout = until > now && !(take_input && in_buffered()) ? (int)((until - now + 999) / 1000) : 0;
    int ready = poll(p, (nfds_t)n, timeout);
    if (ready < 0 && errno != EINTR) fatal("poll: %s", strerror(errno));
    if (i_in >= 0 && p[i_in].revents) {
      ssize_t w = in_left ? write(in_fd, in_data, in_left) : -1;
      if (w > 0) *(li.on ? &li.off : &in_off) += (size_t)w;
      if (w > 0) in_left -= (size_t)w;
      /* EPIPE (or POLLERR): the program closed its stdin or exited without reading it all. */
      if ((w < 0 && (in_left == 0 || (errno != EAGAIN && errno != EINTR))) || (in_left == 0 && !li.on)) {
        close(in_fd);
        in_fd = -1;
        if (li.on) live_drop(&li); /* nobody will read it, nor what comes later */
      }
    }
    if (li.on && li.off == li.pending.len) li.off = li.pending.len = 0; /* all written: reuse the buffer */
    if (take_input && (in_buffered() || (i_host >= 0 && p[i_host].revents))) live_host_ready(&li);
    if (li.on && in_fd >= 0 && li.eof && li.off == li.pending.len) {
      close(in_fd);
      in_fd = -1;
    }
    if (i_out >= 0 && p[i_out].revents && drain(&so, sp)) STOP("stdout");
    if (i_err >= 0 && p[i_err].revents && drain(&se, sp)) STOP("stderr");
    now = now_us();
    if (i_pid >= 0 && p[i_pid].revents) {
      while (wait4(pid, &status, 0, &main_ru) < 0 && errno == EINTR) {
      }
      main_done = 1;
      t_end = now;
      /* The run ends with its main process: background processes die now, so their
         pipes reach EOF and nothing survives into the next test. */
      kill(-1, SIGKILL);
      drain_deadline = now + 2000000LL;
      continue;
    }
    if (main_done) {
      if (now >= drain_deadline) break; /* a writer stuck in the kernel: give up on the rest */
      continue;
    }
    if (li.waiting) {
      /* Waiting for input is not wall time: the wall deadline moves with it. */
      deadline += now - last_now;
      li.idle_us += now - last_now;
      if (li.idle_us >= sp->idle_ms * 1000LL) STOP("idle");
    }
    last_now = now;
    if (now >= next_sample) {
      struct sample s;
      sample_processes(&s);
      if (s.max_rss_kb > max_rss_kb) max_rss_kb = s.max_rss_kb;
      getrusage(RUSAGE_CHILDREN, &after);
      long long reaped_us = (after.ru_utime.tv_sec - before.ru_utime.tv_sec + after.ru_stime.tv_sec -
                             before.ru_stime.tv_sec) * 1000000LL +
                            (after.ru_utime.tv_usec - before.ru_utime.tv_usec + after.ru_stime.tv_usec -
                             before.ru_stime.tv_usec);
      long long cpu_us = reaped_us + s.cpu_ticks * (1000000LL / sysconf(_SC_CLK_TCK));
      if (cpu_us > sp->cpu_ms * 1000LL) STOP("cpu");
      if (sp->mem_kb > 0 && s.max_rss_kb > sp->mem_kb) STOP("memory");
      if (li.idle) live_sample(&li, in_fd);
      next_sample = now + SAMPLE_US;
    }
    if (now >= deadline) STOP("wall");
  }
  if (in_fd >= 0) close(in_fd);
  live_free(&li);
  if (so.fd >= 0) close(so.fd);
  if (se.fd >= 0) close(se.fd);
  close(pidfd);
  kill_and_reap_all();
  getrusage(RUSAGE_CHILDREN, &after);
  long long cpu_us = (after.ru_utime.tv_sec - before.ru_utime.tv_sec + after.ru_stime.tv_sec - before.ru_stime.tv_sec) *
                         1000000LL +
                     (after.ru_utime.tv_usec - before.ru_utime.tv_usec + after.ru_stime.tv_usec - before.ru_stime.tv_usec);
  if (main_ru.ru_maxrss > max_rss_kb) max_rss_kb = main_ru.ru_maxrss;
  /* RUSAGE_CHILDREN's maxrss is a lifetime maximum; only a rise belongs to this run. */
  if (after.ru_maxrss > before.ru_maxrss && after.ru_maxrss > max_rss_kb) max_rss_kb = after.ru_maxrss;
  if (!strcmp(reason, "none")) {
    if (read_oom_kills() > oom_before)
      reason = "oom";
    else if (sp->mem_kb > 0 && max_rss_kb > sp->mem_kb)
      reason = "memory";
    else if (cpu_us > sp->cpu_ms * 1000LL)
      reason = "cpu";
  }
  char header[512], head[96];
  int hlen = snprintf(header, sizeof header,
                      "exited=%d code=%d signal=%d exec_errno=%d cpu_us=%lld wall_us=%lld maxrss_kb=%ld reason=%s "
                      "out_total=%zu err_total=%zu out_truncated=%d err_truncated=%d",
                      WIFEXITED(status) ? 1 : 0, WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                      WIFSIGNALED(status) ? WTERMSIG(status) : 0, exec_errno, cpu_us, (t_end ? t_end : now_us()) - t0,
                      max_rss_kb, reason, so.total, se.total, so.truncated, se.truncated);
  snprintf(head, sizeof head, "R %d %zu %zu\n", hlen, so.kept.len, se.kept.len);
  out_frame(head, header, (size_t)hlen, so.kept.data, so.kept.len, se.kept.data, se.kept.len);
  buf_free(&so.kept);
  buf_free(&se.kept);
}
