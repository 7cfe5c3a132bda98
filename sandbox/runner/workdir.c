/*
 * The work dir between tests. SEAL keeps a copy of /work (sources and compiled
 * artifacts) in the runner's memory, which the program cannot read (the runner is not
 * dumpable). After every EXEC the runner deletes everything the program could have
 * left: /work, /tmp, /dev/shm, /dev/mqueue and System V IPC objects, then rewrites the
 * snapshot, so no test sees a file, or a changed binary, of an earlier one.
 * Paths planted by the program are never followed: *at() calls with AT_SYMLINK_NOFOLLOW
 * and O_NOFOLLOW only.
 */
#include "runner.h" /* first: it defines _GNU_SOURCE */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SNAPSHOT_BYTES (256L << 20)

struct entry {
  char *path; /* relative to /work */
  mode_t mode;
  int is_dir;
  char *data;
  size_t len;
};

static struct entry *entries;
static size_t n_entries, snapshot_bytes;
static int sealed;
static mode_t work_mode = 01777;

int workdir_sealed(void) { return sealed; }

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) fatal("write: %s", strerror(errno));
    p += w;
    n -= (size_t)w;
  }
}

void write_work_file(const char *name, const char *data, size_t len) {
  if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
    fatal("bad file name");
  int dir = open(WORK_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) fatal("open %s: %s", WORK_DIR, strerror(errno));
  unlinkat(dir, name, 0); /* whatever was there, even a symlink, is replaced */
  int fd = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fatal("create %s: %s", name, strerror(errno));
  write_all(fd, data, len);
  close(fd);
  close(dir);
}

static void snap(int dir, const char *prefix) {
  DIR *d = fdopendir(dir);
  if (!d) fatal("fdopendir: %s", strerror(errno));
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    struct stat st;
    if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) continue;
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) continue; /* compilers make neither links nor fifos */
    entries = realloc(entries, (n_entries + 1) * sizeof *entries);
    if (!entries) fatal("out of memory");
    struct entry *en = &entries[n_entries++];
    size_t plen = strlen(prefix) + strlen(e->d_name) + 2;
    en->path = xmalloc(plen);
    snprintf(en->path, plen, "%s%s%s", prefix, *prefix ? "/" : "", e->d_name);
    en->mode = st.st_mode & 07777;
    en->is_dir = S_ISDIR(st.st_mode);
    en->data = NULL;
    en->len = 0;
    int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (en->is_dir ? O_DIRECTORY : 0));
    if (fd < 0) fatal("open %s: %s", en->path, strerror(errno));
    if (en->is_dir) {
      char *path = en->path; /* entries may move on realloc */
      snap(fd, path);
      continue;
    }
    snapshot_bytes += (size_t)st.st_size;
    if (snapshot_bytes > MAX_SNAPSHOT_BYTES) fatal("compiled program is larger than %ld bytes", MAX_SNAPSHOT_BYTES);
    en->len = (size_t)st.st_size;
    en->data = xmalloc(en->len);
    size_t got = 0;
    while (got < en->len) {
      ssize_t r = read(fd, en->data + got, en->len - got);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) fatal("read %s: %s", en->path, strerror(errno));
      got += (size_t)r;
    }
    close(fd);
  }
  closedir(d);
}

void workdir_seal(void) {
  struct stat st;
  if (stat(WORK_DIR, &st) == 0) work_mode = st.st_mode & 07777;
  int dir = open(WORK_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) fatal("open %s: %s", WORK_DIR, strerror(errno));
  snap(dir, "");
  sealed = 1;
}

/* Deletes everything below dir (never dir itself). Only our own uid's files can exist. */
static void wipe(int dir) {
  DIR *d = fdopendir(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    if (unlinkat(dirfd(d), e->d_name, 0) == 0 || errno != EISDIR) continue;
    /* The program may have made the directory unreadable; as its owner we may undo that. */
    fchmodat(dirfd(d), e->d_name, 0700, 0);
    int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub >= 0) wipe(sub);
    unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
    rewinddir(d); /* removing entries while reading may skip some */
  }
  closedir(d);
}

static void wipe_path(const char *path) {
  chmod(path, 01777); /* only succeeds where we own it (/work); root-owned dirs keep theirs */
  int dir = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir >= 0) wipe(dir);
}

/* How many objects of a kind exist: one syscall, where listing them reads a /proc file. */
static int ipc_count(int kind) {
  if (kind == 0) {
    struct shm_info info;
    return shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&info) < 0 ? -1 : info.used_ids;
  }
  struct msginfo minfo;
  if (kind == 1) return msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&minfo) < 0 ? -1 : minfo.msgpool;
  struct seminfo sinfo;
  union {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
  } arg = {.__buf = &sinfo};
  return semctl(0, 0, SEM_INFO, arg) < 0 ? -1 : sinfo.semusz;
}

static void remove_ipc(const char *file, int kind) {
  if (ipc_count(kind) == 0) return; /* the usual case: the program made none */
  FILE *f = fopen(file, "re");
  if (!f) return;
  char line[512];
  if (!fgets(line, sizeof line, f)) line[0] = 0; /* header line */
  long key, id;
  while (fgets(line, sizeof line, f)) {
    if (sscanf(line, "%ld %ld", &key, &id) != 2) continue;
    if (kind == 0) shmctl((int)id, IPC_RMID, NULL);
    if (kind == 1) msgctl((int)id, IPC_RMID, NULL);
    if (kind == 2) semctl((int)id, 0, IPC_RMID);
  }
  fclose(f);
}

void workdir_reset(void) {
  kill_and_reap_all();
  wipe_path("/tmp");
  wipe_path("/dev/shm");
  wipe_path("/dev/mqueue");
  remove_ipc("/proc/sysvipc/shm", 0);
  remove_ipc("/proc/sysvipc/msg", 1);
  remove_ipc("/proc/sysvipc/sem", 2);
  wipe_path(WORK_DIR);
  chmod(WORK_DIR, work_mode);
  int dir = open(WORK_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) fatal("open %s: %s", WORK_DIR, strerror(errno));
  for (size_t i = 0; i < n_entries; i++) {
    struct entry *en = &entries[i];
    if (en->is_dir) {
      if (mkdirat(dir, en->path, en->mode | 0700) < 0) fatal("mkdir %s: %s", en->path, strerror(errno));
      continue;
    }
    int fd = openat(dir, en->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, en->mode);
    if (fd < 0) fatal("restore %s: %s", en->path, strerror(errno));
    write_all(fd, en->data, en->len);
    fchmod(fd, en->mode);
    close(fd);
  }
  close(dir);
}
