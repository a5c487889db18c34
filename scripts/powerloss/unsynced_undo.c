/* Power-loss simulation for SQLite files, as an LD_PRELOAD shim.
 *
 * Before every write to a file whose name ends in ".db" or "-wal", the bytes it overwrites (and
 * the file's size) are appended to "<file>.undo"; fsync/fdatasync of the file empties that log.
 * After the process is killed, scripts/powerloss/apply_undo.py replays each log backwards, which
 * leaves every file exactly as its last sync left it: every write not yet synced is dropped, as a
 * power cut drops what was still in the page cache. (Directory entries are not simulated.)
 *
 * Build: cc -shared -fPIC -O2 -o unsynced_undo.so unsynced_undo.c -ldl -lpthread
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FDS 4096

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int undo_fd[MAX_FDS]; /* 0: unknown, -1: not tracked, else descriptor of the undo log + 1 */

static ssize_t (*real_pwrite64)(int, const void*, size_t, off64_t);
static ssize_t (*real_pwrite)(int, const void*, size_t, off_t);
static ssize_t (*real_write)(int, const void*, size_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off64_t);
static int (*real_close)(int);

static void resolve(void) {
    if (real_pwrite64) return;
    real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
    real_pwrite = dlsym(RTLD_NEXT, "pwrite");
    real_write = dlsym(RTLD_NEXT, "write");
    real_fsync = dlsym(RTLD_NEXT, "fsync");
    real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
    real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
    real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
    real_close = dlsym(RTLD_NEXT, "close");
}

static int ends_with(const char* text, const char* suffix) {
    size_t a = strlen(text), b = strlen(suffix);
    return a >= b && strcmp(text + a - b, suffix) == 0;
}

/* The undo log of a descriptor, or -1 when its file is not tracked. Called with the lock held. */
static int undo_log(int fd) {
    if (fd < 0 || fd >= MAX_FDS) return -1;
    if (undo_fd[fd] != 0) return undo_fd[fd] > 0 ? undo_fd[fd] - 1 : -1;
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, path, sizeof path - 8);
    if (length <= 0) return -1;
    path[length] = 0;
    if (!ends_with(path, ".db") && !ends_with(path, "-wal")) {
        undo_fd[fd] = -1;
        return -1;
    }
    strcat(path, ".undo");
    int log = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    undo_fd[fd] = log >= 0 ? log + 1 : -1;
    return log;
}

/* Appends: offset, length, size before, then the `length` old bytes (zeros past the end). */
static void remember(int fd, off64_t offset, size_t length) {
    int log = undo_log(fd);
    if (log < 0) return;
    struct stat status;
    if (fstat(fd, &status) != 0) return;
    uint64_t header[3] = {(uint64_t)offset, (uint64_t)length, (uint64_t)status.st_size};
    char* old = calloc(1, length ? length : 1);
    if (!old) abort();
    if (offset < status.st_size) pread64(fd, old, length, offset);
    real_write(log, header, sizeof header);
    real_write(log, old, length);
    free(old);
}

static void forget(int fd) {
    int log = undo_log(fd);
    if (log >= 0) real_ftruncate(log, 0);
}

ssize_t pwrite64(int fd, const void* data, size_t length, off64_t offset) {
    resolve();
    pthread_mutex_lock(&lock);
    remember(fd, offset, length);
    ssize_t written = real_pwrite64(fd, data, length, offset);
    pthread_mutex_unlock(&lock);
    return written;
}

ssize_t pwrite(int fd, const void* data, size_t length, off_t offset) {
    return pwrite64(fd, data, length, offset);
}

ssize_t write(int fd, const void* data, size_t length) {
    resolve();
    pthread_mutex_lock(&lock);
    if (undo_log(fd) >= 0) remember(fd, lseek64(fd, 0, SEEK_CUR), length);
    ssize_t written = real_write(fd, data, length);
    pthread_mutex_unlock(&lock);
    return written;
}

static void remember_truncate(int fd, off64_t size) {
    struct stat status;
    if (undo_log(fd) >= 0 && fstat(fd, &status) == 0 && size < status.st_size)
        remember(fd, size, (size_t)(status.st_size - size));
}

int ftruncate(int fd, off_t size) {
    resolve();
    pthread_mutex_lock(&lock);
    remember_truncate(fd, size);
    int result = real_ftruncate(fd, size);
    pthread_mutex_unlock(&lock);
    return result;
}

int ftruncate64(int fd, off64_t size) {
    resolve();
    pthread_mutex_lock(&lock);
    remember_truncate(fd, size);
    int result = real_ftruncate64(fd, size);
    pthread_mutex_unlock(&lock);
    return result;
}

int fsync(int fd) {
    resolve();
    int result = real_fsync(fd);
    pthread_mutex_lock(&lock);
    if (result == 0) forget(fd);
    pthread_mutex_unlock(&lock);
    return result;
}

int fdatasync(int fd) {
    resolve();
    int result = real_fdatasync(fd);
    pthread_mutex_lock(&lock);
    if (result == 0) forget(fd);
    pthread_mutex_unlock(&lock);
    return result;
}

int close(int fd) {
    resolve();
    pthread_mutex_lock(&lock);
    if (fd >= 0 && fd < MAX_FDS && undo_fd[fd] > 0) real_close(undo_fd[fd] - 1);
    if (fd >= 0 && fd < MAX_FDS) undo_fd[fd] = 0;
    pthread_mutex_unlock(&lock);
    return real_close(fd);
}
